import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import type { OutgoingMail } from "@/lib/mail/send";
import { customerMessageEmail } from "@/lib/mail/templates/customer-message";
import { revealDecidedEmail } from "@/lib/mail/templates/reveal-decided";
import { ticketClosedEmail } from "@/lib/mail/templates/ticket-closed";
import { ticketReplyEmail } from "@/lib/mail/templates/ticket-reply";
import { staffMayReadTicket } from "@/lib/notifications/audience";
import { customerTicketUrl, deskTicketUrl } from "@/lib/tickets/create-ticket";

// The notifications as the outbox renders them, when they are sent (lib/mail/registry.ts): from
// what the database holds then, so a message deleted or anonymised meanwhile (erasure), a ticket
// reopened before its "closed" email left, a withdrawn approval, a recipient deactivated or
// bouncing since, or staff who lost the ticket's site since, sends nothing (null). The job's parameters name rows, never quote their text.

type Rendered = Omit<OutgoingMail, "to"> | null;
const DAY_MS = 24 * 3600 * 1000;

export type MessageNotice = { userId: string; ticketId: string; messageId: string };
export type ClosedNotice = { userId: string; ticketId: string; recordings: number; deleteBy: string };
export type RevealNotice = { userId: string; ticketId: string; revealId: string };


// Emailed answers reach the desk only when an inbound server or Mailgun's webhook takes them.
const repliesByEmail = () => env().INBOUND_SMTP !== "off" || env().MAILGUN_SIGNING_KEY !== undefined;

async function recipient(userId: string) {
  const user = await db().user.findUnique({ where: { id: userId }, select: { locale: true, timeZone: true, deactivatedAt: true, emailBouncedAt: true } });
  return user && !user.deactivatedAt && !user.emailBouncedAt ? user : null;
}

const liveMessage = (p: MessageNotice) =>
  db().ticketMessage.findFirst({
    where: { id: p.messageId, ticketId: p.ticketId, ticket: { anonymisedAt: null } },
    select: { body: true, author: { select: { name: true } }, ticket: { select: { customerId: true, assigneeId: true, claim: { select: { ticketId: true } }, site: { select: { name: true } } } } },
  });

export async function renderTicketReply(p: MessageNotice): Promise<Rendered> {
  const [to, message] = await Promise.all([recipient(p.userId), liveMessage(p)]);
  // Still the customer's, and confirmed as theirs (a claim pending means anyone may have typed the address).
  if (!to || !message || message.ticket.customerId !== p.userId || message.ticket.claim) return null;
  return ticketReplyEmail({ siteName: message.ticket.site.name, agentName: message.author?.name?.trim() || null, reply: message.body, url: customerTicketUrl(p.ticketId), replyByEmail: repliesByEmail() }, to.locale);
}

export async function renderCustomerMessage(p: MessageNotice, now: Date): Promise<Rendered> {
  const [to, message, mayRead] = await Promise.all([recipient(p.userId), liveMessage(p), staffMayReadTicket(db(), p.userId, p.ticketId, now)]);
  if (!to || !message || !mayRead) return null;
  const facts = { siteName: message.ticket.site.name, message: message.body, assignedToRecipient: message.ticket.assigneeId === p.userId, url: deskTicketUrl(p.ticketId), replyByEmail: repliesByEmail() };
  return customerMessageEmail(facts, to.locale);
}

export async function renderTicketClosed(p: ClosedNotice, now: Date): Promise<Rendered> {
  const [to, ticket] = await Promise.all([
    recipient(p.userId),
    db().ticket.findFirst({ where: { id: p.ticketId, customerId: p.userId, claim: { is: null }, status: "closed", anonymisedAt: null }, select: { closedAt: true, site: { select: { name: true } } } }),
  ]);
  if (!to || !ticket?.closedAt) return null;
  const ticketDeleteAt = new Date(ticket.closedAt.getTime() + env().TICKET_RETENTION_DAYS * DAY_MS);
  const facts = { siteName: ticket.site.name, url: customerTicketUrl(p.ticketId), recordings: p.recordings, deleteBy: new Date(p.deleteBy), ticketDeleteAt, timeZone: to.timeZone };
  return ticketClosedEmail(facts, to.locale, now);
}

export async function renderRevealDecided(p: RevealNotice, now: Date): Promise<Rendered> {
  const [to, mayRead, reveal] = await Promise.all([
    recipient(p.userId),
    staffMayReadTicket(db(), p.userId, p.ticketId, now),
    db().revealRequest.findFirst({ where: { id: p.revealId, ticketId: p.ticketId, requesterId: p.userId }, select: { status: true, scope: true, accessUntil: true, ticket: { select: { site: { select: { name: true } } } } } }),
  ]);
  if (!to || !mayRead || !reveal) return null;
  // Withdrawn or revoked since: the news is stale, and the desk shows the current state.
  const answer = reveal.status === "approved" && reveal.accessUntil ? { decision: "approved" as const, accessUntil: reveal.accessUntil } : reveal.status === "declined" ? { decision: "declined" as const } : null;
  if (!answer) return null;
  return revealDecidedEmail({ siteName: reveal.ticket.site.name, answer, unmasked: reveal.scope === "unmasked", url: deskTicketUrl(p.ticketId), timeZone: to.timeZone }, to.locale);
}
