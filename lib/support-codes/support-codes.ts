import "server-only";
import { db, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { auditActor } from "@/lib/auth/scope";
import { appendAudit, type AuditInput } from "@/lib/audit/append";
import { keyedHash } from "@/lib/crypto/tokens";
import { rateLimit } from "@/lib/http/rate-limit";
import { requireEnabledTrigger } from "@/lib/ingest/trigger-kind";
import type { PublicSite } from "@/lib/ingest/site-request";
import { newSupportCode, normalizeSupportCode } from "@/lib/support-codes/code";
import { queueTicketWhere } from "@/lib/tickets/visibility";
import { enqueueWebhookEvents } from "@/lib/webhooks/events";

// 40 bits against 10 guesses a minute per agent: finding someone's live code by guessing would
// take far longer than any recording lives (hours).
const LOOKUPS_PER_MINUTE = 10;
const NO_SUCH_CODE = "No recording has this support code (codes expire with their recording).";

function supportCodeHash(normalized: string): string {
  return keyedHash("support-code", normalized);
}

// POST /api/v1/support-codes: a fresh code for the SDK session's recording on this site, once its
// trigger batch is on the server. Only the hash is kept, on the recording, so the code dies with
// it; asking again replaces the hash (the newest code is the one the customer sees).
export async function issueSupportCode(site: PublicSite, sessionId: string, now = new Date()): Promise<{ code: string }> {
  requireEnabledTrigger(site, { kind: "code" });
  const code = newSupportCode();
  await db().$transaction(async (tx) => {
    const recording = await tx.recording.findFirst({ where: { siteId: site.id, sdkSessionId: sessionId, status: "triggered" }, select: { id: true } });
    if (!recording) throw new AppError("not_found", "This session has no triggered recording on the server (yet).");
    // updateMany: a recording deleted meanwhile is a 404 too, not a failed update.
    const { count } = await tx.recording.updateMany({ where: { id: recording.id }, data: { supportCodeHash: supportCodeHash(normalizeSupportCode(code)!) } });
    if (count === 0) throw new AppError("not_found", "This session has no triggered recording on the server (yet).");
    await appendAudit({ actor: { id: null, label: "visitor" }, action: "recording.support-code", target: { type: "recording", id: recording.id }, siteId: site.id, at: now }, tx);
  });
  return { code };
}

export type LinkResult = { recordingId: string; linked: boolean };

// Links the recording holding this code to the ticket, inside the caller's transaction: the one
// path for the desk (below) and the helpdesk's ticket.created (lib/helpdesk/apply-event.ts). A
// code of another site's recording is no code here. Already linked to this ticket: nothing to do.
export async function linkBySupportCode(tx: Tx, ticket: { id: string; siteId: string; status: string }, code: string, by: AuditInput["actor"], via: string, now: Date): Promise<LinkResult> {
  // A closed ticket's recordings are already scheduled for deletion: one linked now would escape it.
  if (ticket.status === "closed") throw new AppError("conflict", "This ticket is closed: reopen it to link a recording.");
  const normalized = normalizeSupportCode(code);
  const recording = normalized ? await tx.recording.findFirst({ where: { supportCodeHash: supportCodeHash(normalized), siteId: ticket.siteId }, select: { id: true, ticketId: true } }) : null;
  if (!recording) throw new AppError("not_found", NO_SUCH_CODE);
  if (recording.ticketId === ticket.id) return { recordingId: recording.id, linked: false };
  const { count } = await tx.recording.updateMany({ where: { id: recording.id, ticketId: null }, data: { ticketId: ticket.id } });
  if (count === 0) throw new AppError("conflict", "The recording with this support code belongs to another ticket.");
  await appendAudit({ actor: by, action: "recording.link", target: { type: "recording", id: recording.id }, siteId: ticket.siteId, details: { ticketId: ticket.id, via }, at: now }, tx);
  await enqueueWebhookEvents(tx, [{ type: "ticket.linked", data: { siteId: ticket.siteId, ticketId: ticket.id, recordingId: recording.id } }], now);
  return { recordingId: recording.id, linked: true };
}

// An agent pastes a code on a queue ticket they may reply to.
export async function linkTicketBySupportCode(actor: Actor, ticketId: string, code: string, now = new Date()): Promise<LinkResult> {
  rateLimit(`support-code-lookup:${actor.userId}`, LOOKUPS_PER_MINUTE, 60_000, now.getTime());
  const ticket = await db().ticket.findFirst({ where: { AND: [queueTicketWhere(actor, "ticket:reply"), { id: ticketId }] }, select: { id: true, siteId: true, status: true } });
  if (!ticket) throw new AppError("not_found", "No such ticket.");
  return db().$transaction((tx) => linkBySupportCode(tx, ticket, code, auditActor(actor), "support-code", now));
}
