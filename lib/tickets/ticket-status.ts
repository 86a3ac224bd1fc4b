import "server-only";
import type { Tx } from "@/lib/db/client";
import { appendAudit, type AuditInput } from "@/lib/audit/append";
import { notifyTicketEvent } from "@/lib/notifications/notify-ticket-event";
import { scheduleDeletionOnTicketClose } from "@/lib/retention/ticket-closed";
import type { TicketStatus } from "@/lib/tickets/schemas";

// The one place a ticket's status changes: the desk, the customer's pages (a reply included) and
// erasure all come here, so every change is audited the same way.


type TicketRef = { id: string; siteId: string; status: string };

// Audited under the names the log has always used: a move to pending is recorded as a reopen.
const auditAction = (to: TicketStatus) => (to === "closed" ? "ticket.close" : "ticket.reopen");

// Moves one ticket to `to`, inside the caller's transaction; returns false when it is already there.
// Closing schedules its recordings' deletion (at once, or after the site's grace period); reopening
// brings nothing back.
export async function setTicketStatus(tx: Tx, by: AuditInput["actor"], ticket: TicketRef, to: TicketStatus, now: Date): Promise<boolean> {
  if (to === ticket.status) return false;
  await tx.ticket.update({ where: { id: ticket.id }, data: { status: to, closedAt: to === "closed" ? now : null, updatedAt: now } });
  const scheduled = to === "closed" ? await scheduleDeletionOnTicketClose(tx, ticket.id, now) : 0;
  await appendAudit({ actor: by, action: auditAction(to), target: { type: "ticket", id: ticket.id }, siteId: ticket.siteId, details: { from: ticket.status, to, recordingsScheduled: scheduled }, at: now }, tx);
  if (to === "closed") await notifyClosed(tx, by, ticket.id, scheduled, now);
  return true;
}

// The customer hears that their request closed, and when its recordings go: the latest deletion
// time the closing left them (a recording already due earlier keeps its earlier time).
async function notifyClosed(tx: Tx, by: AuditInput["actor"], ticketId: string, recordings: number, now: Date) {
  const latest = await tx.recording.aggregate({ where: { ticketId }, _max: { deleteAfter: true } });
  await notifyTicketEvent(tx, { kind: "closed", ticketId, authorId: by.id, recordings, deleteBy: latest._max.deleteAfter ?? now }, now);
}

// Closes, as a set, the tickets of an erased customer (nobody is left to answer, or to email).
// Their recordings are already deleted, so there is no deletion to schedule.
export async function closeTicketsAfterErasure(tx: Tx, by: AuditInput["actor"], ticketIds: readonly string[], now: Date): Promise<void> {
  const open = await tx.ticket.findMany({ where: { id: { in: [...ticketIds] }, status: { not: "closed" } }, select: { id: true, siteId: true, status: true } });
  if (open.length === 0) return;
  await tx.ticket.updateMany({ where: { id: { in: open.map((t) => t.id) } }, data: { status: "closed", closedAt: now } });
  for (const t of open) {
    await appendAudit({ actor: by, action: "ticket.close", target: { type: "ticket", id: t.id }, siteId: t.siteId, details: { from: t.status, to: "closed", recordingsScheduled: 0 }, at: now }, tx);
  }
}
