// Support codes ("RD-7KQ2-M9XF"): what a customer reads out on the phone or pastes in a chat so
// support finds their recording. Pure and browser-safe: format, normalisation, generation.

// Crockford's base32: digits and letters without I, L, O and U, so nothing reads as another
// character (and no accidental words); 8 characters of 5 bits each: 40 random bits.
export const SUPPORT_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const SUPPORT_CODE_LENGTH = 8;
const PREFIX = "RD";

// "RD-XXXX-XXXX" from 5 random bytes (40 bits, one character per 5 bits).
export function formatSupportCode(bytes: Uint8Array): string {
  if (bytes.length !== 5) throw new Error("a support code takes exactly 5 bytes");
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let body = "";
  for (let shift = 35n; shift >= 0n; shift -= 5n) body += SUPPORT_CODE_ALPHABET[Number((bits >> shift) & 31n)];
  return `${PREFIX}-${body.slice(0, 4)}-${body.slice(4)}`;
}

export function newSupportCode(): string {
  return formatSupportCode(crypto.getRandomValues(new Uint8Array(5)));
}

// The code's 8 characters as typed or heard: any case, spaces and dashes, with or without "RD",
// O read as 0 and I/L as 1 (Crockford's decoding). null: not a code at all.
export function normalizeSupportCode(input: string): string | null {
  let s = input.toUpperCase().replace(/[\s\-_.]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (s.length === SUPPORT_CODE_LENGTH + PREFIX.length && s.startsWith(PREFIX)) s = s.slice(PREFIX.length);
  if (s.length !== SUPPORT_CODE_LENGTH) return null;
  for (const c of s) if (!SUPPORT_CODE_ALPHABET.includes(c)) return null;
  return s;
}
