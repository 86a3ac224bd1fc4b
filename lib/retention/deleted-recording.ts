import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { queueTicketWhere } from "@/lib/tickets/visibility";

const WHY: Record<string, string> = {
  "consent-withdrawn": "the visitor withdrew their consent",
  customer: "the customer deleted it",
  "account-deleted": "the customer deleted their account",
  "ticket-closed": "its ticket was closed",
  retention: "its retention period ended",
  untriggered: "it was never linked to a request",
};

// A recording the viewer cannot find may have been deleted while an agent watched it (the visitor
// withdrew consent, the ticket closed…): then the answer is 410 with the reason, from the deletion
// receipt, for staff whose queue covers the site. Anything else stays the caller's 404.
export async function goneIfDeleted(actor: Actor, recordingId: string, notFound: unknown): Promise<never> {
  if (!(notFound instanceof AppError) || notFound.code !== "not_found") throw notFound;
  const receipt = await db().deletionReceipt.findFirst({ where: { recordingId }, select: { siteId: true, reason: true } });
  const visible = receipt ? (await db().ticket.count({ where: { AND: [queueTicketWhere(actor), { siteId: receipt.siteId }] } })) > 0 : false;
  if (!receipt || !visible) throw notFound;
  throw new AppError("gone", `This recording was deleted: ${WHY[receipt.reason] ?? "it is gone"}.`);
}
