import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { MessageChannel } from "@/generated/sqlite";
import type { Actor } from "@/lib/auth/actor";
import { appendAudit, type AuditInput } from "@/lib/audit/append";
import { notifyTicketEvent } from "@/lib/notifications/notify-ticket-event";
import { deleteDueForTicket } from "@/lib/retention/sweep";
import { setTicketStatus } from "@/lib/tickets/ticket-status";
import type { TOwnTicketPatch, TQueueTicketPatch } from "@/lib/tickets/schemas";
import { ownTicketWhere, queueTicketWhere } from "@/lib/tickets/visibility";


type Side = "queue" | "own";

async function ticketFor(actor: Actor, id: string, side: Side) {
  const ticket = await db().ticket.findFirst({ where: { AND: [side === "queue" ? queueTicketWhere(actor, "ticket:reply") : ownTicketWhere(actor), { id }] } });
  if (!ticket) throw new AppError("not_found", "No such ticket.");
  return ticket;
}

// A message on a ticket, written by `actor` as the customer ("own") or as staff ("queue"). Every
// path that adds one comes here, so the reopen, the audit and the notifications cannot be skipped:
// the web forms (via "web", the default) and a reply by email (via "email", lib/inbound), whose
// caller resolves the reply address's user with actorForUser and passes the side it writes as.
export type MessageOptions = { via?: MessageChannel };

export async function addMessage(actor: Actor, ticketId: string, body: string, side: Side, now = new Date(), options: MessageOptions = {}) {
  const ticket = await ticketFor(actor, ticketId, side);
  if (ticket.status === "closed" && side === "queue") throw new AppError("conflict", "The ticket is closed; reopen it to reply.");
  return db().$transaction(async (tx) => {
    const message = await tx.ticketMessage.create({ data: { ticketId, authorId: actor.userId, authorRole: side === "queue" ? "agent" : "customer", body, via: options.via ?? "web", createdAt: now } });
    await tx.ticket.update({ where: { id: ticketId }, data: { updatedAt: now } });
    // A customer's reply brings a pending or closed ticket back to the queue (its recordings stay deleted).
    if (side === "own") await setTicketStatus(tx, auditActor(actor, side), ticket, "open", now);
    await notifyTicketEvent(tx, { kind: "message", ticketId, messageId: message.id, from: side === "queue" ? "agent" : "customer", authorId: actor.userId }, now);
    return { id: message.id };
  });
}

// Customers appear in the append-only log by role, never by email: the log outlives their account.
function auditActor(actor: Actor, side: Side) {
  return { id: actor.userId, label: side === "own" ? "customer" : actor.email };
}

export async function updateQueueTicket(actor: Actor, id: string, patch: TQueueTicketPatch, now = new Date()) {
  const ticket = await ticketFor(actor, id, "queue");
  await db().$transaction(async (tx) => {
    if (patch.assignee) {
      // Assignment organises the queue and nothing else: it gives no access to a recording (an
      // approval names the one agent who may watch, lib/reveal/policy.ts).
      const assigneeId = patch.assignee === "me" ? actor.userId : null;
      await tx.ticket.update({ where: { id }, data: { assigneeId, updatedAt: now } });
      await appendAudit({ actor: { id: actor.userId, label: actor.email }, action: "ticket.assign", target: { type: "ticket", id }, siteId: ticket.siteId, details: { assigneeId }, at: now }, tx);
    }
    if (patch.status) await setTicketStatus(tx, auditActor(actor, "queue"), ticket, patch.status, now);
  });
  if (patch.status === "closed") await deleteDueForTicket(id, now);
  return { ok: true };
}

export async function updateOwnTicket(actor: Actor, id: string, patch: TOwnTicketPatch, now = new Date()) {
  const ticket = await ticketFor(actor, id, "own");
  await db().$transaction((tx) => setTicketStatus(tx, auditActor(actor, "own"), ticket, patch.status, now));
  // "At once" by default: recordings due now go right away; the sweeper catches any left over.
  if (patch.status === "closed") await deleteDueForTicket(id, now);
  return { ok: true };
}

// A publisher's backend (API token) closes or reopens one of its site's tickets: the same rules as
// the desk (a close schedules the recordings' deletion), audited as `by`.
export async function setSiteTicketStatus(siteId: string, by: AuditInput["actor"], ticketId: string, to: "open" | "closed", now = new Date()) {
  const ticket = await db().ticket.findFirst({ where: { id: ticketId, siteId }, select: { id: true, siteId: true, status: true } });
  if (!ticket) throw new AppError("not_found", "No such ticket on this site.");
  const changed = await db().$transaction((tx) => setTicketStatus(tx, by, ticket, to, now));
  if (changed && to === "closed") await deleteDueForTicket(ticket.id, now);
  return { ticketId: ticket.id, status: to, result: changed ? (to === "closed" ? "closed" : "reopened") : "unchanged" };
}
