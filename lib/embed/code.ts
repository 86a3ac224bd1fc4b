import "server-only";
import { createHmac, hkdfSync, randomInt, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/config/env";

// Crockford base32 without I, L, O, U: nothing to misread when typed from an email.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 8;

export function newSignInCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

// What the agent typed, as the code was issued: case, spaces and dashes ignored, O/I/L read as 0/1/1.
export function normalizeCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
}

// 40 bits are too few for a plain hash (a copy of the database could be searched in seconds):
// keyed by a key derived from AUTH_SECRET, and bound to the code's row.
export function hashSignInCode(codeId: string, code: string): string {
  const key = hkdfSync("sha256", env().AUTH_SECRET, "replaydesk", "replaydesk:embed-sign-in-code:v1", 32);
  return createHmac("sha256", Buffer.from(key)).update(`${codeId}\u0000${normalizeCode(code)}`, "utf8").digest("hex");
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && timingSafeEqual(x, y);
}
