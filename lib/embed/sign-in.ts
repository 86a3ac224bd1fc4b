import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { actorForUser, type Actor } from "@/lib/auth/actor";
import { appendAudit } from "@/lib/audit/append";
import { hashToken, randomToken } from "@/lib/crypto/tokens";
import { sendMail } from "@/lib/mail/send";
import { embedCodeEmail } from "@/lib/mail/templates/embed-code";
import { rateLimit } from "@/lib/http/rate-limit";
import type { EmbedConnection } from "@/lib/embed/connection";
import { hashSignInCode, newSignInCode, sameHash } from "@/lib/embed/code";
import { CODE_ATTEMPTS_PER_MINUTE, CODE_REQUESTS_PER_HOUR, CODE_TTL_MS, codeUsable, MAX_CODE_FAILURES, mayUsePanel, SESSION_TTL_MS } from "@/lib/embed/policy";

// The same answer whoever asks: nobody learns from the panel whether an address has an account.
const CODE_ANSWER = { sent: "maybe" as const };
const WRONG_CODE = "This code is wrong, expired or already used. Ask for a new one.";

// An agent asks for a code: mailed only to an active account that may read this connection's
// site queue. Rate limited per address and per client (clientKey) before anything is looked up.
export async function requestSignInCode(connection: EmbedConnection, email: string, client: string, now = new Date()) {
  rateLimit(`embed-code:${client}`, CODE_REQUESTS_PER_HOUR * 4, 3_600_000, now.getTime());
  rateLimit(`embed-code:${email}`, CODE_REQUESTS_PER_HOUR, 3_600_000, now.getTime());
  const user = await db().user.findUnique({ where: { email }, select: { id: true, locale: true } });
  const actor = user ? await actorForUser(user.id, now) : null;
  if (!user || !actor || !mayUsePanel(actor, connection.siteId)) return CODE_ANSWER;
  const code = newSignInCode();
  await db().$transaction(async (tx) => {
    // One live code per agent and panel: asking again retires the previous one.
    await tx.embedSignInCode.updateMany({ where: { userId: user.id, connectionId: connection.id, usedAt: null }, data: { usedAt: now } });
    const row = await tx.embedSignInCode.create({ data: { userId: user.id, connectionId: connection.id, codeHash: "pending", expiresAt: new Date(now.getTime() + CODE_TTL_MS), createdAt: now } });
    await tx.embedSignInCode.update({ where: { id: row.id }, data: { codeHash: hashSignInCode(row.id, code) } });
    await appendAudit({ actor: { id: user.id, label: email }, action: "embed.code-sent", target: { type: "helpdesk-connection", id: connection.id }, siteId: connection.siteId, at: now }, tx);
  });
  // Sign-in mail leaves at once (like the magic link), not through the outbox: a code is useless later.
  await sendMail({ to: email, ...embedCodeEmail({ code, minutes: CODE_TTL_MS / 60_000, locale: user.locale }) });
  return CODE_ANSWER;
}

// The typed code opens a session for this panel: a wrong code counts against it (dead after
// MAX_CODE_FAILURES), a right one is used up. Returns the cookie's token (only its hash is stored).
export async function redeemSignInCode(connection: EmbedConnection, email: string, code: string, client: string, now = new Date()) {
  rateLimit(`embed-try:${client}`, CODE_ATTEMPTS_PER_MINUTE, 60_000, now.getTime());
  rateLimit(`embed-try:${email}`, CODE_ATTEMPTS_PER_MINUTE, 60_000, now.getTime());
  const user = await db().user.findUnique({ where: { email }, select: { id: true } });
  const row = user
    ? await db().embedSignInCode.findFirst({ where: { userId: user.id, connectionId: connection.id, usedAt: null }, orderBy: { createdAt: "desc" }, omit: { codeHash: false } })
    : null;
  if (!user || !row || !codeUsable(row, now)) throw new AppError("bad_request", WRONG_CODE);
  if (!sameHash(row.codeHash, hashSignInCode(row.id, code))) {
    const failures = row.failures + 1;
    await db().$transaction(async (tx) => {
      await tx.embedSignInCode.update({ where: { id: row.id }, data: { failures, ...(failures >= MAX_CODE_FAILURES ? { usedAt: now } : {}) } });
      await appendAudit({ actor: { id: user.id, label: email }, action: "embed.code-wrong", target: { type: "helpdesk-connection", id: connection.id }, siteId: connection.siteId, details: { failures }, at: now }, tx);
    });
    throw new AppError("bad_request", WRONG_CODE);
  }
  // Permission is checked again: a grant revoked since the code was mailed opens nothing.
  const actor = await actorForUser(user.id, now);
  if (!actor || !mayUsePanel(actor, connection.siteId)) throw new AppError("bad_request", WRONG_CODE);
  const token = randomToken();
  await db().$transaction(async (tx) => {
    // Used once: a concurrent redemption of the same code finds nothing to update.
    const used = await tx.embedSignInCode.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
    if (used.count !== 1) throw new AppError("bad_request", WRONG_CODE);
    const session = await tx.embedSession.create({ data: { tokenHash: hashToken(token), userId: user.id, connectionId: connection.id, expiresAt: new Date(now.getTime() + SESSION_TTL_MS), createdAt: now } });
    await appendAudit({ actor: { id: user.id, label: actor.email }, action: "embed.sign-in", target: { type: "embed-session", id: session.id }, siteId: connection.siteId, details: { connectionId: connection.id }, at: now }, tx);
  });
  return { token, maxAgeSeconds: SESSION_TTL_MS / 1000 };
}

// The actor behind a panel cookie, resolved afresh (a revoked grant or deactivated account counts
// at once), still allowed to use this connection's panel; null otherwise.
export async function embedActor(connection: EmbedConnection, token: string | undefined, now = new Date()): Promise<Actor | null> {
  if (!token) return null;
  const session = await db().embedSession.findUnique({ where: { tokenHash: hashToken(token) }, select: { userId: true, connectionId: true, expiresAt: true } });
  if (!session || session.connectionId !== connection.id || session.expiresAt <= now) return null;
  const actor = await actorForUser(session.userId, now);
  return actor && mayUsePanel(actor, connection.siteId) ? actor : null;
}

export async function signOutEmbed(connection: EmbedConnection, token: string | undefined, now = new Date()): Promise<void> {
  if (!token) return;
  await db().$transaction(async (tx) => {
    const session = await tx.embedSession.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, userId: true } });
    if (!session) return;
    await tx.embedSession.delete({ where: { id: session.id } });
    await appendAudit({ actor: { id: session.userId, label: "agent panel" }, action: "embed.sign-out", target: { type: "embed-session", id: session.id }, siteId: connection.siteId, at: now }, tx);
  });
}

// For the sweep: codes and panel sessions past their expiry open nothing; their rows go.
export async function purgeExpiredEmbedSignIns(now: Date): Promise<number> {
  const codes = await db().embedSignInCode.deleteMany({ where: { expiresAt: { lt: now } } });
  const sessions = await db().embedSession.deleteMany({ where: { expiresAt: { lt: now } } });
  return codes.count + sessions.count;
}
