import "server-only";
import { db, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { env } from "@/lib/config/env";
import { appendAudit } from "@/lib/audit/append";
import { derivedToken, hashToken } from "@/lib/crypto/tokens";
import { rateLimit } from "@/lib/http/rate-limit";
import { enqueueMail } from "@/lib/jobs/enqueue";
import type { OutgoingMail } from "@/lib/mail/send";
import { ticketReceivedEmail, type TicketReceivedKind } from "@/lib/mail/templates/ticket-received";
import { normalizeEmail } from "@/lib/users/grants";
import type { TOwnTicketInput } from "@/lib/tickets/schemas";
import type { Locale } from "@/lib/i18n/locales";

// locale and timeZone: what the customer's browser reported (lib/tickets/schemas.ts), null when unknown.
export type NewTicket = { email: string; subject: string; message: string; sessionId: string | null; locale?: Locale | null; timeZone?: string | null };

export function customerTicketUrl(ticketId: string): string {
  return new URL(`/support/tickets/${ticketId}`, env().APP_URL).href;
}

// The same ticket on the desk, for staff.
export function deskTicketUrl(ticketId: string): string {
  return new URL(`/desk/tickets/${ticketId}`, env().APP_URL).href;
}

const CLAIM_DAYS = 7;
const DAY_MS = 24 * 3600 * 1000;
// At most this many ticket emails an hour to one address from one site: the site key is public,
// and each ticket mails the address typed into it.
const TICKET_MAILS_PER_HOUR = 5;

// A grant that makes an account staff (suspended ones included: a review restores them).
export function staffGrantWhere(now: Date) {
  return { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
}

// The claim token is derived from the ticket (its hash is stored), so the email can be rendered
// when it is sent, and again after a crash, without the raw token being kept anywhere.
export function ticketClaimUrl(ticketId: string): string {
  const url = new URL("/support/confirm", env().APP_URL);
  url.hash = new URLSearchParams({ token: derivedToken("ticket-claim", ticketId) }).toString();
  return url.href;
}

// The account rules below (createTicketFromSdk) for an address someone typed, shared with tickets a
// helpdesk creates (lib/helpdesk/apply-event.ts): which account, if any, the ticket is filed under.
export async function accountForTypedAddress(tx: Tx, email: string, browser: { locale?: Locale | null; timeZone?: string | null }, now: Date) {
  const existing = await tx.user.findUnique({ where: { email }, select: { id: true, timeZone: true, _count: { select: { grants: { where: staffGrantWhere(now) } } } } });
  const kind: TicketReceivedKind = !existing ? "new" : existing._count.grants > 0 ? "staff" : "confirm";
  // A new account starts in the browser's language and zone; an existing one only gains a zone it
  // lacks (its language is its own, or the customer's choice: never reset from a browser).
  const initial = { ...(browser.locale ? { locale: browser.locale } : {}), ...(browser.timeZone ? { timeZone: browser.timeZone } : {}) };
  const customer = kind === "staff" ? null : (existing ?? (await tx.user.upsert({ where: { email }, update: {}, create: { email, ...initial } })));
  if (kind === "confirm" && existing && !existing.timeZone && browser.timeZone) await tx.user.update({ where: { id: existing.id }, data: { timeZone: browser.timeZone } });
  return { kind, existing, customer };
}

// A ticket filed under an existing customer's address stays out of their /support until they
// confirm it (TicketClaim).
export async function holdForClaim(tx: Tx, ticketId: string, now: Date): Promise<void> {
  await tx.ticketClaim.create({ data: { ticketId, tokenHash: hashToken(derivedToken("ticket-claim", ticketId)), expiresAt: new Date(now.getTime() + CLAIM_DAYS * DAY_MS) } });
}

// A ticket from the publisher's page (SDK) or backend (API token). The address was only typed, by
// anyone holding the site's public key, so it decides little (finding L9):
// - no account yet: the account is created holding the ticket (its owner reaches it by magic link);
// - an existing customer account: the ticket waits, out of their /support, until the owner
//   confirms it from the emailed link (TicketClaim); approval requests still go to the address;
// - a staff account: the ticket never joins it (no customer).
// Each case queues one email to the address, so the three take the same time and the answer is the same.
export async function createTicketFromSdk(site: { id: string }, input: NewTicket, now = new Date()) {
  const email = normalizeEmail(input.email);
  const created = await db().$transaction(async (tx) => {
    const { kind, existing, customer } = await accountForTypedAddress(tx, email, input, now);
    const ticket = await tx.ticket.create({
      data: {
        siteId: site.id,
        customerId: customer?.id ?? null,
        subject: input.subject,
        createdAt: now,
        messages: { create: { authorId: customer?.id ?? null, authorRole: "customer", body: input.message, createdAt: now } },
      },
    });
    if (kind === "confirm") await holdForClaim(tx, ticket.id, now);
    let linkedSession: string | null = null;
    if (input.sessionId) {
      const linked = await tx.recording.updateMany({ where: { siteId: site.id, sdkSessionId: input.sessionId, ticketId: null }, data: { ticketId: ticket.id } });
      if (linked.count > 0) linkedSession = input.sessionId;
    }
    await appendAudit(
      { actor: { id: customer?.id ?? null, label: "customer" }, action: "ticket.create", target: { type: "ticket", id: ticket.id }, siteId: site.id, details: { via: "sdk", sessionLinked: linkedSession !== null, account: kind }, at: now },
      tx,
    );
    // Queued with the ticket (the outbox sends it); an address this site mailed often this hour
    // gets no more, and the ticket stands either way.
    const recipientId = existing?.id ?? customer!.id;
    if (mayMailTicketAddress(site.id, email)) {
      await enqueueMail(tx, { template: "ticket-received", params: { kind, ticketId: ticket.id, userId: recipientId }, to: { email, userId: recipientId }, ticketId: ticket.id }, now);
    }
    return { ticketId: ticket.id, sessionId: linkedSession };
  });
  return { ticketId: created.ticketId, ticketUrl: customerTicketUrl(created.ticketId), sessionId: created.sessionId };
}

function mayMailTicketAddress(siteId: string, email: string): boolean {
  try {
    rateLimit(`ticket-mail-to:${siteId}:${email}`, TICKET_MAILS_PER_HOUR, 60 * 60_000);
    return true;
  } catch (err) {
    if (err instanceof AppError && err.code === "rate_limited") return false;
    throw err;
  }
}

// The outbox renders it when it sends it (lib/mail/registry.ts), from the ticket as it is then;
// a ticket deleted meanwhile sends nothing.
export async function renderTicketReceived(p: { kind: TicketReceivedKind; ticketId: string; userId: string }): Promise<Omit<OutgoingMail, "to"> | null> {
  const [ticket, recipient] = await Promise.all([
    db().ticket.findUnique({ where: { id: p.ticketId }, select: { site: { select: { name: true } } } }),
    db().user.findUnique({ where: { id: p.userId }, select: { locale: true } }),
  ]);
  if (!ticket || !recipient) return null;
  const url = p.kind === "new" ? customerTicketUrl(p.ticketId) : p.kind === "confirm" ? ticketClaimUrl(p.ticketId) : null;
  return ticketReceivedEmail({ kind: p.kind, siteName: ticket.site.name, url, locale: recipient.locale });
}

// A signed-in customer opens a ticket from /support (no recording: the SDK links those).
export async function createOwnTicket(actor: Actor, input: TOwnTicketInput, now = new Date()) {
  const site = await db().site.findUnique({ where: { id: input.siteId }, select: { id: true } });
  if (!site) throw new AppError("bad_request", "siteId: no such website.");
  return db().$transaction(async (tx) => {
    const ticket = await tx.ticket.create({
      data: { siteId: site.id, customerId: actor.userId, subject: input.subject, createdAt: now, messages: { create: { authorId: actor.userId, authorRole: "customer", body: input.message, createdAt: now } } },
    });
    await appendAudit({ actor: { id: actor.userId, label: "customer" }, action: "ticket.create", target: { type: "ticket", id: ticket.id }, siteId: site.id, details: { via: "support-page" }, at: now }, tx);
    return { ticketId: ticket.id, ticketUrl: customerTicketUrl(ticket.id) };
  });
}
