import "server-only";
import { createHmac } from "node:crypto";

// Pseudonymous user ids: a keyed hash, so the raw id is never stored and cannot be recovered by
// hashing guessed ids without the key. Keys are per site (and per version) so pseudonyms of the
// same person cannot be linked across sites, or across a site's key rotation.

const PREFIX = "ps_";
const KEY_BYTES = 32;
const PSEUDONYM_BYTES = 16;
// 16 bytes encode to 22 base64url chars whose last char carries only 2 data bits, so only these
// 4 final characters are canonical; anything else was not produced by pseudonymize.
const PSEUDONYM_SHAPE = /^ps_[A-Za-z0-9_-]{21}[AQgw]$/;

export function sitePseudonymKey(secret: string, siteId: string, version: number): Buffer {
  if (!secret) throw new Error("pseudonym secret is required");
  if (!siteId) throw new Error("siteId is required");
  // Version is the last, colon-free field, so distinct (siteId, version) pairs never collide.
  if (!Number.isSafeInteger(version) || version < 0) throw new Error("pseudonym key version must be a non-negative integer");
  return createHmac("sha256", secret).update(`replaydesk:pseudonym-key:${siteId}:${version}`, "utf8").digest();
}

export function pseudonymize(siteKey: Buffer, rawUserId: string): string {
  if (siteKey.length !== KEY_BYTES) throw new Error(`site pseudonym key must be ${KEY_BYTES} bytes`);
  if (!rawUserId) throw new Error("user id is required");
  const mac = createHmac("sha256", siteKey).update(rawUserId, "utf8").digest();
  return PREFIX + mac.subarray(0, PSEUDONYM_BYTES).toString("base64url");
}

export function isPseudonym(value: string): boolean {
  return PSEUDONYM_SHAPE.test(value);
}
