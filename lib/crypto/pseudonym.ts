import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

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

// ---- Verified pseudonyms (security review M1) ---------------------------------------------------
// A pseudonym links recordings only when the publisher's backend vouches for it: it signs
// (site key, pseudonym, expiry) with the site's signing secret, which only it and Replaydesk hold.
// The publisher's side of this is lib/crypto/publisher-pseudonym.mjs (and the Python and PHP
// versions in docs/sdk.md); the test vectors in tests/unit/crypto/pseudonym.test.ts bind them.

const SECRET_PREFIX = "rdps_";
const SECRET_SHAPE = /^rdps_[A-Za-z0-9_-]{43}$/;
const SIGNATURE_SHAPE = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/;
// A signature is a short-lived claim (rendered into one page view): one that claims to stay valid
// longer than this is refused, so a leaked signature cannot be replayed for long.
export const MAX_SIGNATURE_LIFETIME_SECONDS = 24 * 60 * 60;

// "rdps_" + 32 random bytes (base64url): the prefix lets secret scanners and people recognise one.
export function newPseudonymSecret(): string {
  return SECRET_PREFIX + randomBytes(KEY_BYTES).toString("base64url");
}

export function parsePseudonymSecret(secret: string): Buffer {
  if (!SECRET_SHAPE.test(secret)) throw new Error("not a Replaydesk pseudonym signing secret (rdps_...)");
  return Buffer.from(secret.slice(SECRET_PREFIX.length), "base64url");
}

function signatureMac(secretKey: Buffer, siteKey: string, pseudonym: string, expires: number): Buffer {
  // Every field is colon-free (pk_/ps_ base64url, digits), so the message is unambiguous.
  return createHmac("sha256", secretKey).update(`replaydesk-pseudonym-signature:v1:${siteKey}:${pseudonym}:${expires}`, "utf8").digest();
}

// "<expiry, Unix seconds>.<HMAC-SHA256, base64url>": the expiry travels with the signature.
export function pseudonymSignature(secretKey: Buffer, siteKey: string, pseudonym: string, expires: number): string {
  return `${expires}.${signatureMac(secretKey, siteKey, pseudonym, expires).toString("base64url")}`;
}

export type SignatureCheck = "valid" | "malformed" | "expired" | "too-long" | "mismatch";

export function checkPseudonymSignature(secretKey: Buffer, siteKey: string, pseudonym: string, signature: string, nowSeconds: number): SignatureCheck {
  const match = SIGNATURE_SHAPE.exec(signature);
  if (!match) return "malformed";
  const expires = Number(match[1]);
  if (expires <= nowSeconds) return "expired";
  if (expires > nowSeconds + MAX_SIGNATURE_LIFETIME_SECONDS) return "too-long";
  const given = Buffer.from(match[2]!, "base64url");
  const expected = signatureMac(secretKey, siteKey, pseudonym, expires);
  // Constant time: how much of a guess matched must not show in the answer's timing.
  return given.length === expected.length && timingSafeEqual(given, expected) ? "valid" : "mismatch";
}

// What is stored for a verified pseudonym: re-keyed on the server under the site's current key
// version, so that after a rotation even the same value sent again links to nothing older.
export function linkingPseudonym(siteVersionKey: Buffer, verifiedPseudonym: string): string {
  return pseudonymize(siteVersionKey, `verified:${verifiedPseudonym}`);
}
