import "server-only";
import { db, type Tx } from "@/lib/db/client";
import { appendAudit, type AuditInput } from "@/lib/audit/append";
import { AppError } from "@/lib/errors";
import { enqueueWebhookEvents } from "@/lib/webhooks/events";

export type HelpdeskReference = { connectionId: string; externalId: string; url?: string | null };
type TicketRef = { id: string; siteId: string };

// The one way a ticket gets its twin in a helpdesk (the helpdesk's own "created" webhook, or a
// publisher's backend by API token): the reference stored, audited, and `ticket.linked` queued in
// the caller's transaction. The connection must be the ticket's site's and enabled; a reference
// another ticket holds is a conflict. Returns false when the ticket already holds this reference.
export async function linkTicketToHelpdesk(tx: Tx, by: AuditInput["actor"], ticket: TicketRef, ref: HelpdeskReference, now: Date): Promise<boolean> {
  const connection = await tx.helpdeskConnection.findFirst({ where: { id: ref.connectionId, siteId: ticket.siteId }, select: { id: true, disabledAt: true } });
  if (!connection) throw new AppError("not_found", `No helpdesk connection "${ref.connectionId}" on this ticket's site.`);
  if (connection.disabledAt) throw new AppError("conflict", `The helpdesk connection "${ref.connectionId}" is disconnected.`);
  const holder = await tx.ticket.findUnique({
    where: { helpdeskConnectionId_helpdeskExternalId: { helpdeskConnectionId: connection.id, helpdeskExternalId: ref.externalId } },
    select: { id: true },
  });
  if (holder && holder.id !== ticket.id) throw referenceTaken(ref, holder.id);
  if (holder) return false;
  await tx.ticket.update({ where: { id: ticket.id }, data: { helpdeskConnectionId: connection.id, helpdeskExternalId: ref.externalId, helpdeskUrl: ref.url ?? null, updatedAt: now } });
  await appendAudit({ actor: by, action: "ticket.helpdesk-link", target: { type: "ticket", id: ticket.id }, siteId: ticket.siteId, details: { connectionId: connection.id }, at: now }, tx);
  await enqueueWebhookEvents(tx, [{ type: "ticket.linked", data: { siteId: ticket.siteId, ticketId: ticket.id, connectionId: connection.id, externalId: ref.externalId } }], now);
  return true;
}

function referenceTaken(ref: HelpdeskReference, ticketId: string): AppError {
  return new AppError("conflict", `Helpdesk ticket "${ref.externalId}" of connection "${ref.connectionId}" is already linked to ticket ${ticketId}.`);
}

// For a publisher's backend: links one of its site's tickets (404 for another site's). Two
// concurrent links of one reference: the unique index refuses the second, answered as the same 409.
export async function linkSiteTicket(siteId: string, by: AuditInput["actor"], ticketId: string, ref: HelpdeskReference, now = new Date()) {
  const ticket = await db().ticket.findFirst({ where: { id: ticketId, siteId }, select: { id: true, siteId: true } });
  if (!ticket) throw new AppError("not_found", "No such ticket on this site.");
  try {
    const changed = await db().$transaction((tx) => linkTicketToHelpdesk(tx, by, ticket, ref, now));
    return { ticketId: ticket.id, connectionId: ref.connectionId, externalId: ref.externalId, result: changed ? ("linked" as const) : ("unchanged" as const) };
  } catch (err) {
    if ((err as { code?: unknown }).code === "P2002") throw new AppError("conflict", `Helpdesk ticket "${ref.externalId}" of connection "${ref.connectionId}" is already linked to another ticket.`);
    throw err;
  }
}
