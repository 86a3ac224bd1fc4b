import "server-only";
import { z } from "zod";
import type { Tx } from "@/lib/db/client";
import { appendAudit, type AuditInput } from "@/lib/audit/append";
import { AppError } from "@/lib/errors";
import { normalizeEmail } from "@/lib/users/grants";
import { accountForTypedAddress, holdForClaim } from "@/lib/tickets/create-ticket";
import { setTicketStatus } from "@/lib/tickets/ticket-status";
import { lockRecording } from "@/lib/recordings/lock";
import { deleteRecordingsIn } from "@/lib/recordings/delete-recording";
import { linkTicketToHelpdesk } from "@/lib/helpdesk/link-ticket";
import type { HelpdeskEvent } from "@/lib/helpdesk/map-event";
import { linkBySupportCode } from "@/lib/support-codes/support-codes";
import type { HelpdeskKind } from "@/lib/helpdesk/verify";

type Connection = { id: string; siteId: string; kind: HelpdeskKind };
export type AppliedResult = "created" | "exists" | "closed" | "reopened" | "deleted" | "unchanged";

export function helpdeskActor(kind: HelpdeskKind): AuditInput["actor"] {
  return { id: null, label: `helpdesk:${kind}` };
}

// What a verified helpdesk event does, inside the caller's transaction: the same status changes
// as the native desk (setTicketStatus: retention, audit), on the ticket holding the reference.
export async function applyHelpdeskEvent(tx: Tx, connection: Connection, event: HelpdeskEvent, now: Date): Promise<{ result: AppliedResult; ticketId: string }> {
  const by = helpdeskActor(connection.kind);
  const ticket = await tx.ticket.findUnique({
    where: { helpdeskConnectionId_helpdeskExternalId: { helpdeskConnectionId: connection.id, helpdeskExternalId: event.externalId } },
    select: { id: true, siteId: true, status: true },
  });
  if (event.type === "created") {
    const created = ticket ? { result: "exists" as const, ticketId: ticket.id } : { result: "created" as const, ticketId: await createLinkedTicket(tx, connection, event, now) };
    if (event.supportCode) await linkSupportCode(tx, connection, { id: created.ticketId, status: ticket?.status ?? "open" }, event.supportCode, now);
    return created;
  }
  if (!ticket) throw new AppError("not_found", `No ticket is linked to ${connection.kind} ticket "${event.externalId}" on this connection.`);
  switch (event.type) {
    case "closed":
      return { result: (await setTicketStatus(tx, by, ticket, "closed", now)) ? "closed" : "unchanged", ticketId: ticket.id };
    case "reopened":
      return { result: (await setTicketStatus(tx, by, ticket, "open", now)) ? "reopened" : "unchanged", ticketId: ticket.id };
    case "deleted":
      await deleteLinkedTicket(tx, connection, ticket, now);
      return { result: "deleted", ticketId: ticket.id };
  }
}

// The account rules of an SDK ticket (the address comes from the helpdesk, typed by someone
// there), without its email: the helpdesk owns the conversation with the customer.
async function createLinkedTicket(tx: Tx, connection: Connection, event: HelpdeskEvent, now: Date): Promise<string> {
  // A placeholder the helpdesk left unfilled ("{{ticket.contact.email}}") is no address.
  const email = event.email && z.email().safeParse(event.email.trim()).success ? normalizeEmail(event.email) : null;
  const account = email ? await accountForTypedAddress(tx, email, {}, now) : null;
  const ticket = await tx.ticket.create({
    data: {
      siteId: connection.siteId,
      customerId: account?.customer?.id ?? null,
      subject: `${connection.kind} ticket ${event.externalId}`,
      createdAt: now,
    },
    select: { id: true, siteId: true },
  });
  if (account?.kind === "confirm") await holdForClaim(tx, ticket.id, now);
  await appendAudit(
    { actor: helpdeskActor(connection.kind), action: "ticket.create", target: { type: "ticket", id: ticket.id }, siteId: connection.siteId, details: { via: "helpdesk", connectionId: connection.id, account: account?.kind ?? "none" }, at: now },
    tx,
  );
  await linkTicketToHelpdesk(tx, helpdeskActor(connection.kind), ticket, { connectionId: connection.id, externalId: event.externalId, url: event.url ?? null }, now);
  return ticket.id;
}

// Deleted in the helpdesk: closed here, its recordings deleted at once (not after the site's
// grace period), and the reference dropped.
async function deleteLinkedTicket(tx: Tx, connection: Connection, ticket: { id: string; siteId: string; status: string }, now: Date) {
  const by = helpdeskActor(connection.kind);
  await setTicketStatus(tx, by, ticket, "closed", now);
  const recordings = await tx.recording.findMany({ where: { ticketId: ticket.id }, select: { id: true, siteId: true, sdkSessionId: true, storedBytes: true } });
  const locked = [];
  for (const r of recordings) if (await lockRecording(tx, r.id, { skipLocked: false })) locked.push({ ...r, reason: "ticket-closed" as const, dueAt: now });
  await deleteRecordingsIn(tx, locked, now);
  await tx.ticket.update({ where: { id: ticket.id }, data: { helpdeskConnectionId: null, helpdeskExternalId: null, helpdeskUrl: null, updatedAt: now } });
  await appendAudit({ actor: by, action: "ticket.helpdesk-delete", target: { type: "ticket", id: ticket.id }, siteId: ticket.siteId, details: { connectionId: connection.id, recordingsDeleted: locked.length }, at: now }, tx);
}

// The customer's support code links their recording as the desk's form does. A code that matches
// nothing (mistyped, expired with its recording, another ticket's) must not lose the helpdesk's
// ticket: it is audited and the ticket is created without it.
async function linkSupportCode(tx: Tx, connection: Connection, ticket: { id: string; status: string }, code: string, now: Date) {
  const ticketId = ticket.id;
  try {
    await linkBySupportCode(tx, { ...ticket, siteId: connection.siteId }, code, helpdeskActor(connection.kind), `helpdesk:${connection.kind}`, now);
  } catch (err) {
    if (!(err instanceof AppError) || (err.code !== "not_found" && err.code !== "conflict")) throw err;
    await appendAudit({ actor: helpdeskActor(connection.kind), action: "recording.link-refused", target: { type: "ticket", id: ticketId }, siteId: connection.siteId, details: { via: "support-code", reason: err.code }, at: now }, tx);
  }
}
