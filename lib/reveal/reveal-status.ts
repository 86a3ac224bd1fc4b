import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { revealState } from "@/lib/reveal/policy";

// For a publisher's helpdesk integration: where a reveal request stands. No recording content,
// no customer data.
export async function revealStatusForSite(siteId: string, revealId: string, now = new Date()) {
  const r = await db().revealRequest.findFirst({ where: { id: revealId, ticket: { siteId } } });
  if (!r) throw new AppError("not_found", "No such reveal request for this site.");
  return {
    id: r.id,
    ticketId: r.ticketId,
    scope: r.scope,
    status: revealState(r, now),
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    accessUntil: r.accessUntil?.toISOString() ?? null,
  };
}
