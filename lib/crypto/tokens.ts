import "server-only";
import { createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/config/env";

// Below 128 bits a token becomes guessable online; refuse rather than silently weaken it.
const MIN_TOKEN_BYTES = 16;

export function randomToken(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < MIN_TOKEN_BYTES) throw new Error(`token must be at least ${MIN_TOKEN_BYTES} bytes`);
  return randomBytes(bytes).toString("base64url");
}

// Tokens are stored only as hashes so a database leak does not hand out working tokens; they are
// high-entropy, so a fast unsalted hash is enough.
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

// Hex keeps ids double-click selectable and URL-safe; the prefix ("pk" -> "pk_...") says what the
// id is when it shows up in a log or a publisher's snippet.
export function randomId(prefix: string, bytes = 16): string {
  if (!/^[a-z][a-z0-9]*$/.test(prefix)) throw new Error("id prefix must be lowercase alphanumeric, without the underscore");
  if (!Number.isInteger(bytes) || bytes < MIN_TOKEN_BYTES) throw new Error(`id must be at least ${MIN_TOKEN_BYTES} bytes`);
  return `${prefix}_${randomBytes(bytes).toString("hex")}`;
}

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

// A token that the server can compute again from what it names, so an email rendered a second time
// (a resend after a crash keeps its Message-ID) carries the same link, and no raw token needs to
// be stored: HMAC-SHA256 under a key derived from AUTH_SECRET, 160 bits, lowercase base32 (the
// reply addresses are email local parts, which some servers lowercase).
export function derivedToken(purpose: "reply-address" | "reveal-approval" | "ticket-claim", ...ids: string[]): string {
  const mac = createHmac("sha256", purposeKey(`derived-token:v1:${purpose}`)).update(ids.join("\u0000"), "utf8").digest().subarray(0, 20);
  let out = "";
  for (let i = 0; i < mac.length; i += 5) {
    const chunk = mac.readUIntBE(i, 5);
    for (let shift = 35; shift >= 0; shift -= 5) out += BASE32[Math.floor(chunk / 2 ** shift) % 32];
  }
  return out;
}

// A short secret that people type (a support code) is stored only as a keyed hash: unlike a plain
// hash, a leaked database does not let anyone try all 2^40 codes offline without AUTH_SECRET.
export function keyedHash(purpose: "support-code", value: string): string {
  return createHmac("sha256", purposeKey(`keyed-hash:v1:${purpose}`)).update(value, "utf8").digest("hex");
}

// One key per purpose from AUTH_SECRET, so no two uses share a key.
function purposeKey(label: string): Buffer {
  return Buffer.from(hkdfSync("sha256", env().AUTH_SECRET, "replaydesk", `replaydesk:${label}`, 32));
}
