import "server-only";
import { createHash, randomBytes } from "node:crypto";

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
