import "server-only";
import { createHash } from "node:crypto";
import { actorForUser } from "@/lib/auth/actor";
import { appendAudit } from "@/lib/audit/append";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { claimDelivery, releaseDelivery } from "@/lib/inbound/deliveries";
import { parseInboundMail } from "@/lib/inbound/parse-mail";
import { refuseAttachments } from "@/lib/inbound/refuse-attachments";
import { replyTextOf } from "@/lib/inbound/reply-text";
import { findReplyAddress, replyTokenOf } from "@/lib/mail/reply-address";
import { ZMessageInput } from "@/lib/tickets/schemas";
import { addMessage } from "@/lib/tickets/update-ticket";
import { normalizeEmail } from "@/lib/users/grants";

// One pipeline for every way a reply by email comes in (lib/inbound/smtp-server.ts, the Mailgun
// webhook): a raw RFC 822 message and its SMTP envelope. The reply address's token is the
// authenticator (a From header can be forged), the From address must be the token's recipient
// as well, and anything machine-made creates nothing. Whatever is ignored is ignored silently:
// the sender learns nothing about tokens, tickets or accounts.

// mailFrom: the reverse path, "" (or null) for a bounce's null sender <>.
export type Envelope = { mailFrom: string | null; rcptTo: string[] };

export type InboundOutcome =
  | { result: "landed"; ticketId: string; messageId: string }
  | { result: "bounce-recorded" }
  | { result: "attachments-refused"; ticketId: string }
  | { result: "ignored"; reason: IgnoredReason };

export type IgnoredReason = "unknown-recipient" | "bounce-other-recipient" | "loop" | "sender-mismatch" | "misdirected" | "duplicate" | "empty" | "not-allowed";

// The largest message taken by either entry point (SMTP refuses more with 552).
export const MAX_INBOUND_MESSAGE_BYTES = 10 * 1024 * 1024;
const MAX_BODY_CHARS = ZMessageInput.shape.body.maxLength ?? 5000;
// References can list a whole thread; the latest ones are enough to tell which ticket it is.
const MAX_THREAD_IDS = 50;
// The thread id every email about a ticket follows (ticketThreadId, lib/jobs/deliver.ts); any host.
const TICKET_THREAD_ID = /^<ticket-([^@>]+)@[^>]+>$/i;

const ignored = (reason: IgnoredReason): InboundOutcome => ({ result: "ignored", reason });

type LiveReplyAddress = NonNullable<Awaited<ReturnType<typeof findReplyAddress>>>;

// A reply names one reply address; a message listing dozens is not looked up beyond the first few.
const MAX_TOKENS_LOOKED_UP = 10;

async function replyAddressAmong(addresses: string[], now: Date): Promise<LiveReplyAddress | null> {
  const tokens = [...new Set(addresses.map(replyTokenOf).filter((t): t is string => t !== null))].slice(0, MAX_TOKENS_LOOKED_UP);
  for (const token of tokens) {
    const found = await findReplyAddress(db(), token, now);
    if (found) return found;
  }
  return null;
}

// A bounce marks the reply address's own recipient only, and only when the report names them (or
// names nobody): a token does not let anyone mark another person's address.
async function recordBounce(address: LiveReplyAddress, failedRecipients: string[], now: Date): Promise<InboundOutcome> {
  const email = normalizeEmail(address.user.email);
  if (failedRecipients.length > 0 && !failedRecipients.some((r) => normalizeEmail(r) === email)) return ignored("bounce-other-recipient");
  await db().user.update({ where: { id: address.userId }, data: { emailBouncedAt: now } });
  return { result: "bounce-recorded" };
}

// True when In-Reply-To/References name another ticket than the reply address's: by the ticket's
// thread id, or by the Message-ID of a mail the outbox sent about that ticket.
async function namesAnotherTicket(threadIds: string[], ticketId: string): Promise<boolean> {
  const ids = threadIds.slice(-MAX_THREAD_IDS);
  if (ids.length === 0) return false;
  const named = new Set(ids.map((id) => TICKET_THREAD_ID.exec(id)?.[1]).filter((id): id is string => Boolean(id)));
  const sent = await db().job.findMany({ where: { messageId: { in: [...ids, ...ids.map((id) => id.slice(1, -1))] }, ticketId: { not: null } }, select: { ticketId: true } });
  for (const job of sent) named.add(job.ticketId!);
  return [...named].some((id) => id !== ticketId);
}

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

// The message joins the thread through addMessage, as the web form's reply does (reopen, status
// audit, notifications): as the customer when the recipient is the ticket's customer, otherwise
// as staff, if they may still reply on it.
async function land(address: LiveReplyAddress, body: string, now: Date): Promise<InboundOutcome> {
  const actor = await actorForUser(address.userId, now);
  const ticket = await db().ticket.findUnique({ where: { id: address.ticketId }, select: { customerId: true, siteId: true } });
  if (!actor || !ticket) return ignored("not-allowed");
  const side = ticket.customerId === actor.userId ? "own" : "queue";
  let message: { id: string };
  try {
    message = await addMessage(actor, address.ticketId, body, side, now, { via: "email" });
  } catch (err) {
    if (err instanceof AppError && (err.code === "not_found" || err.code === "conflict")) return ignored("not-allowed");
    throw err;
  }
  // Customers appear in the log by role, staff by address, as for a reply on the web; never the body.
  await appendAudit({ actor: { id: actor.userId, label: side === "own" ? "customer" : actor.email }, action: "ticket.reply-by-email", target: { type: "ticket", id: address.ticketId }, siteId: ticket.siteId, details: { messageId: message.id, as: side === "own" ? "customer" : "agent" }, at: now });
  return { result: "landed", ticketId: address.ticketId, messageId: message.id };
}

// The outcome is logged by reason only, never an address or a text: the log is not a copy of
// people's mail.
export async function receiveMail(raw: Buffer, envelope: Envelope, now = new Date()): Promise<InboundOutcome> {
  const outcome = await decide(raw, envelope, now);
  console.log(`[replaydesk] inbound mail: ${outcome.result === "ignored" ? `ignored (${outcome.reason})` : outcome.result}`);
  return outcome;
}

async function decide(raw: Buffer, envelope: Envelope, now: Date): Promise<InboundOutcome> {
  const mail = await parseInboundMail(raw);
  const address = await replyAddressAmong([...envelope.rcptTo, ...mail.headerRecipients], now);
  if (!address) return ignored("unknown-recipient");

  // A delivery report, or a null-sender message that is not an auto-reply, is a bounce.
  const nullSender = !envelope.mailFrom;
  if (mail.bounce || (nullSender && !mail.loop)) return recordBounce(address, mail.bounce?.failedRecipients ?? [], now);
  if (mail.loop || nullSender) return ignored("loop");

  if (mail.from.length !== 1 || normalizeEmail(mail.from[0]!) !== normalizeEmail(address.user.email)) return ignored("sender-mismatch");
  if (await namesAnotherTicket(mail.threadIds, address.ticketId)) return ignored("misdirected");

  // A retried delivery (a relay that did not see our answer, Mailgun's retries) lands once.
  const key = `mail:${sha256(mail.messageId ?? raw)}`;
  if (!(await claimDelivery(key, now))) return ignored("duplicate");
  try {
    if (mail.attachments > 0) {
      await refuseAttachments({ ticketId: address.ticketId, userId: address.userId, email: address.user.email }, now);
      return { result: "attachments-refused", ticketId: address.ticketId };
    }
    const body = replyTextOf(mail.text).slice(0, MAX_BODY_CHARS).trim();
    if (!body) return ignored("empty");
    return await land(address, body, now);
  } catch (err) {
    await releaseDelivery(key);
    throw err;
  }
}
