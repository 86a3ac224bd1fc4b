import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { appendAudit } from "@/lib/audit/append";
import { hashToken } from "@/lib/crypto/tokens";
import { accessUntil, revealState, VIEW_WINDOW_HOURS } from "@/lib/reveal/policy";

async function findByToken(token: string, viewer: Actor | null, now: Date) {
  const request = await db().revealRequest.findUnique({
    where: { tokenHash: hashToken(token) },
    include: {
      requester: { select: { email: true } },
      session: { select: { startedAt: true, pages: true, deleteAfter: true } },
      ticket: { select: { id: true, subject: true, customerId: true, siteId: true, site: { select: { name: true } } } },
    },
  });
  if (!request || !request.session) throw new AppError("gone", "This link was already used, or it is not valid any more.");
  // The link is the customer's; someone signed in as another account may not use it.
  if (viewer && viewer.userId !== request.ticket.customerId) throw new AppError("forbidden", "This link belongs to another account. Sign out, then open it again.");
  if (revealState(request, now) === "expired") throw new AppError("gone", "This link has expired. The agent can send a new request if it is still needed.");
  return request;
}

// What the approval page shows before the customer confirms; reading it changes nothing.
export async function lookupReveal(token: string, viewer: Actor | null, now = new Date()) {
  const r = await findByToken(token, viewer, now);
  return {
    siteName: r.ticket.site.name,
    ticketSubject: r.ticket.subject,
    agent: r.requester?.email ?? "A support agent",
    justification: r.justification,
    scope: r.scope,
    recordedAt: r.session!.startedAt.toISOString(),
    pages: JSON.parse(r.session!.pages) as string[],
    viewHours: VIEW_WINDOW_HOURS,
    deleteAfter: r.session!.deleteAfter?.toISOString() ?? null,
  };
}

// The customer's answer, by POST only. Single use: the conditional update lets exactly one of two
// concurrent answers through, and the token hash is cleared with it.
export async function decideReveal(token: string, decision: "approve" | "decline", viewer: Actor | null, now = new Date()) {
  const r = await findByToken(token, viewer, now);
  const approved = decision === "approve";
  return db().$transaction(async (tx) => {
    const { count } = await tx.revealRequest.updateMany({
      where: { id: r.id, status: "pending", tokenHash: r.tokenHash },
      data: { status: approved ? "approved" : "declined", tokenHash: null, decidedAt: now, accessUntil: approved ? accessUntil(now, r.session!.deleteAfter) : null },
    });
    if (count === 0) throw new AppError("gone", "This link was already used, or it is not valid any more.");
    await appendAudit(
      { actor: { id: r.ticket.customerId, label: "customer" }, action: approved ? "reveal.approve" : "reveal.decline", target: { type: "reveal", id: r.id }, siteId: r.ticket.siteId, details: { scope: r.scope, ticketId: r.ticket.id }, at: now },
      tx,
    );
    return { status: approved ? "approved" : "declined", ticketId: r.ticket.id };
  });
}

// The customer withdraws an approval (or a pending request) from their ticket page: access stops
// at once.
export async function withdrawReveal(actor: Actor, revealId: string, now = new Date()) {
  const r = await db().revealRequest.findFirst({ where: { id: revealId, ticket: { customerId: actor.userId } }, select: { id: true, status: true, ticketId: true, ticket: { select: { siteId: true } } } });
  if (!r) throw new AppError("not_found", "No such request.");
  return db().$transaction(async (tx) => {
    const { count } = await tx.revealRequest.updateMany({ where: { id: r.id, status: { in: ["pending", "approved"] } }, data: { status: "withdrawn", tokenHash: null, accessUntil: now } });
    if (count === 0) throw new AppError("conflict", "This request is not active any more.");
    await appendAudit({ actor: { id: actor.userId, label: "customer" }, action: "reveal.withdraw", target: { type: "reveal", id: r.id }, siteId: r.ticket.siteId, details: { ticketId: r.ticketId }, at: now }, tx);
    return { status: "withdrawn" as const };
  });
}
