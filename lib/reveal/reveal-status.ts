import "server-only";
import { db, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { appendAudit, type AuditInput } from "@/lib/audit/append";
import { revealState } from "@/lib/reveal/policy";
import type { RevealStatus } from "@/generated/sqlite";
import { enqueueWebhookEvents } from "@/lib/webhooks/events";

// Where a reveal request stands, and the one place its stored status changes: the customer's
// answer and withdrawal, revocation (recording deleted, consent withdrawn, customer erased, email
// failed) and the windows a closed ticket shortens. "Expired" is never stored: revealState derives it.

// A request that can still lead to a viewing.
const OPEN_STATUSES: RevealStatus[] = ["pending", "approved"];

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

type AnsweredRequest = { id: string; scope: string; ticket: { id: string; siteId: string; customerId: string | null } };

// Pending → approved or declined, by the customer. Conditional on the link answered (its hash), so
// exactly one of two concurrent answers goes through (false for the other). An approval clears the link; a
// decline keeps it for deleting the recording.
export async function answerReveal(tx: Tx, r: AnsweredRequest, tokenHash: string, decision: "approve" | "decline", accessUntil: Date | null, now: Date): Promise<boolean> {
  const approved = decision === "approve";
  const { count } = await tx.revealRequest.updateMany({
    where: { id: r.id, status: "pending", tokenHash },
    data: { status: approved ? "approved" : "declined", tokenHash: approved ? null : tokenHash, decidedAt: now, accessUntil },
  });
  if (count === 0) return false;
  await appendAudit(
    { actor: { id: r.ticket.customerId, label: "customer" }, action: approved ? "reveal.approve" : "reveal.decline", target: { type: "reveal", id: r.id }, siteId: r.ticket.siteId, details: { scope: r.scope, ticketId: r.ticket.id }, at: now },
    tx,
  );
  await enqueueWebhookEvents(tx, [{ type: approved ? "reveal.approved" : "reveal.declined", data: { siteId: r.ticket.siteId, ticketId: r.ticket.id, revealId: r.id } }], now);
  return true;
}

// Pending or approved → withdrawn, by the customer: access stops at once, and (M2) what the key
// custodian unsealed for this approval goes with it. False when it was not open any more.
export async function withdrawOpenReveal(tx: Tx, customerId: string, r: { id: string; ticketId: string; siteId: string }, now: Date): Promise<boolean> {
  const { count } = await tx.revealRequest.updateMany({ where: { id: r.id, status: { in: OPEN_STATUSES } }, data: { status: "withdrawn", tokenHash: null, accessUntil: now } });
  if (count === 0) return false;
  await tx.unsealedCopy.deleteMany({ where: { revealId: r.id } });
  await appendAudit({ actor: { id: customerId, label: "customer" }, action: "reveal.withdraw", target: { type: "reveal", id: r.id }, siteId: r.siteId, details: { ticketId: r.ticketId }, at: now }, tx);
  await enqueueWebhookEvents(tx, [{ type: "reveal.withdrawn", data: { siteId: r.siteId, ticketId: r.ticketId, revealId: r.id } }], now);
  return true;
}

// The requests a revocation reaches: those of some recordings, of some tickets, or named ones.
type RevealSet = { recordingIds: readonly string[] } | { ticketIds: readonly string[] } | { revealIds: readonly string[] };

const whereOf = (set: RevealSet) =>
  "recordingIds" in set ? { recordingId: { in: [...set.recordingIds] } } : "ticketIds" in set ? { ticketId: { in: [...set.ticketIds] } } : { id: { in: [...set.revealIds] } };

// One `reveal.revoke` entry per request, with the status it had (`was`); otherwise the change that
// caused the revocation is the audited event (a deletion receipt, an erasure entry).
type RevocationAudit = { actor: AuditInput["actor"]; siteId: string; details: Record<string, unknown> };

// Pending or approved → revoked, as a set: access and the approval link end now.
export async function revokeOpenReveals(tx: Tx, set: RevealSet, now: Date, audit?: RevocationAudit): Promise<void> {
  const data = { status: "revoked" as const, tokenHash: null, accessUntil: now };
  if (!audit) {
    await tx.revealRequest.updateMany({ where: { ...whereOf(set), status: { in: OPEN_STATUSES } }, data });
    return;
  }
  const open = await tx.revealRequest.findMany({ where: { ...whereOf(set), status: { in: OPEN_STATUSES } }, select: { id: true, status: true } });
  await tx.revealRequest.updateMany({ where: { id: { in: open.map((r) => r.id) }, status: { in: OPEN_STATUSES } }, data });
  for (const reveal of open) {
    await appendAudit({ actor: audit.actor, action: "reveal.revoke", target: { type: "reveal", id: reveal.id }, siteId: audit.siteId, details: { ...audit.details, was: reveal.status }, at: now }, tx);
  }
}

// An approval never outlives its recording: when the recordings' deletion is brought forward to
// `deadline`, viewing ends then (not when the sweeper gets to the row), and a pending request's
// link stops working then too.
export async function endRevealsBy(tx: Tx, recordingIds: readonly string[], deadline: Date): Promise<void> {
  const recordingId = { in: [...recordingIds] };
  await tx.revealRequest.updateMany({ where: { recordingId, status: "approved", OR: [{ accessUntil: null }, { accessUntil: { gt: deadline } }] }, data: { accessUntil: deadline } });
  await tx.revealRequest.updateMany({ where: { recordingId, status: "pending", tokenExpiresAt: { gt: deadline } }, data: { tokenExpiresAt: deadline } });
}
