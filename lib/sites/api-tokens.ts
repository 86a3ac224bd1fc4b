import "server-only";
import { db } from "@/lib/db/client";
import { appendAudit } from "@/lib/audit/append";
import { AppError } from "@/lib/errors";
import { hashToken, randomToken } from "@/lib/crypto/tokens";
import type { ActingUser } from "@/lib/users/grants";

// "rdt_" + 32 random bytes (base64url): the prefix lets secret scanners and humans recognise one.
const TOKEN_PREFIX = "rdt_";
const TOKEN_PATTERN = /^rdt_[A-Za-z0-9_-]{43}$/;
// lastUsedAt is informative; refreshing it at most once a minute spares a write per API call.
const LAST_USED_RESOLUTION_MS = 60_000;

// Returns the clear token once; only its hash is stored, so it cannot be shown again.
export async function createApiToken(siteId: string, name: string, by: ActingUser, now = new Date()) {
  const token = `${TOKEN_PREFIX}${randomToken(32)}`;
  return db().$transaction(async (tx) => {
    const row = await tx.apiToken.create({ data: { siteId, name, tokenHash: hashToken(token), createdById: by.id, createdAt: now } });
    await appendAudit({ actor: by, action: "site.api-token.create", target: { type: "api-token", id: row.id }, siteId, details: { name }, at: now }, tx);
    return { id: row.id, name: row.name, createdAt: row.createdAt, token };
  });
}

export async function revokeApiToken(siteId: string, tokenId: string, by: ActingUser, now = new Date()) {
  await db().$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { id: tokenId, siteId, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) throw new AppError("not_found", "No active token with this id on this site.");
    await appendAudit({ actor: by, action: "site.api-token.revoke", target: { type: "api-token", id: tokenId }, siteId, at: now }, tx);
  });
}

// How the audit log names a publisher backend's call: the token (its id), never its holder's guess.
export function apiTokenActor(tokenId: string): { id: null; label: string } {
  return { id: null, label: `api-token:${tokenId}` };
}

// For the JSON API: an `Authorization: Bearer rdt_...` value (or the bare token) -> the site it
// acts for, or null when missing, malformed, unknown or revoked.
export async function authenticateApiToken(bearer: string | null | undefined, now = new Date()): Promise<{ siteId: string; tokenId: string } | null> {
  const token = bearer?.trim().replace(/^Bearer\s+/i, "") ?? "";
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = await db().apiToken.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, siteId: true, revokedAt: true, lastUsedAt: true } });
  if (!row || row.revokedAt) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { siteId: row.siteId, tokenId: row.id };
}
