import "server-only";
import { createHmac } from "node:crypto";
import type { Db, Tx } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors";

type Client = Db | Tx;

// Consent records name their session only by this keyed hash (never the raw id, which would let
// whoever reads the table inject into or withdraw a live session). Keyed, so guessed ids cannot be
// tested against it; per site, so records cannot be matched across sites.
export function consentSessionHash(siteId: string, sdkSessionId: string): string {
  return createHmac("sha256", env().PSEUDONYM_SECRET).update(`replaydesk:consent-session:${siteId}:${sdkSessionId}`, "utf8").digest("hex");
}

const NO_CONSENT = "No consent grant for this session: the recorder sends the proofId that POST /api/v1/consent returned, as consent, with each upload.";

// Privacy point 3: a session uploads only under a grant of its own (this site, this session, a
// grant) that no withdrawal followed. Withdrawn session ids are never used again by the recorder,
// so any withdrawal of the session counts, whenever it came.
export async function requireConsentGrant(client: Client, site: { id: string }, sdkSessionId: string, proofId: string) {
  const sessionHash = consentSessionHash(site.id, sdkSessionId);
  const grant = await client.consentRecord.findUnique({ where: { id: proofId }, select: { id: true, siteId: true, sessionHash: true, granted: true, verifiedAt: true } });
  if (!grant || grant.siteId !== site.id || !grant.granted || grant.sessionHash !== sessionHash) throw new AppError("forbidden", NO_CONSENT);
  const withdrawal = await client.consentRecord.findFirst({ where: { siteId: site.id, sessionHash, granted: false }, select: { id: true } });
  if (withdrawal) throw new AppError("forbidden", "Consent for this session was withdrawn: nothing more is recorded under it.");
  return { ...grant, sessionHash };
}

// The same check inside the ingest transaction, holding the grant's row until it commits: a
// withdrawal takes the session's grant rows first (lockSessionGrants), so an upload and a
// withdrawal of one session never interleave (PostgreSQL row locks; on SQLite the first write
// takes the database's write lock). Marks the grant as used by an upload (L9: evidence from a
// real session).
export async function lockConsentGrant(tx: Tx, site: { id: string }, sdkSessionId: string, proofId: string, now: Date) {
  const sessionHash = consentSessionHash(site.id, sdkSessionId);
  const locked = await tx.$executeRaw`UPDATE "ConsentRecord" SET "granted" = "granted" WHERE "id" = ${proofId} AND "siteId" = ${site.id} AND "sessionHash" = ${sessionHash} AND "granted" = true`;
  if (locked === 0) throw new AppError("forbidden", NO_CONSENT);
  const grant = await requireConsentGrant(tx, site, sdkSessionId, proofId);
  if (!grant.verifiedAt) await tx.consentRecord.update({ where: { id: grant.id }, data: { verifiedAt: now } });
}

// For a withdrawal: takes the session's grants (see lockConsentGrant) and tells whether an upload
// used one of them.
export async function lockSessionGrants(tx: Tx, siteId: string, sessionHash: string): Promise<{ uploaded: boolean }> {
  await tx.$executeRaw`UPDATE "ConsentRecord" SET "granted" = "granted" WHERE "siteId" = ${siteId} AND "sessionHash" = ${sessionHash} AND "granted" = true`;
  const used = await tx.consentRecord.count({ where: { siteId, sessionHash, granted: true, verifiedAt: { not: null } } });
  return { uploaded: used > 0 };
}
