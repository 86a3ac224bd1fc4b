import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

// Envelope encryption at rest: one random data key per recording encrypts its chunks; the data
// key is wrapped under a short-lived key-encryption key from the key store (recording-keys.ts).
// wrapDataKey/unwrapDataKey and sealWithMaster/openWithMaster are the format of installations
// from before the key store (everything under MASTER_KEY): the upgrade step reads it and re-wraps
// (lib/runtime/upgrade-keys.ts).

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const CHUNK_VERSION = 1;
const COMPACT_VERSION = "v1";
const DATA_KEY_AAD = "replaydesk:data-key:v1";
// Each use of a key gets its own AAD namespace so a ciphertext made for one use never
// authenticates as another (e.g. a wrapped data key opened as a sealed secret).
const CHUNK_AAD_PREFIX = "replaydesk:chunk:v1:";
const SEALED_AAD_PREFIX = "replaydesk:sealed:v1:";
const B64URL = /^[A-Za-z0-9_-]*$/;

function requireKey(key: Buffer, name: string): void {
  if (key.length !== KEY_BYTES) throw new Error(`${name} must be ${KEY_BYTES} bytes`);
}

function gcmEncrypt(key: Buffer, plaintext: Uint8Array, aad: string): { iv: Buffer; body: Buffer } {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { iv, body };
}

// Returns null instead of throwing so callers can raise one generic error for every failure mode:
// distinct messages would tell an attacker which part of a forged payload was rejected.
function gcmDecrypt(key: Buffer, iv: Uint8Array, body: Uint8Array, aad: string): Buffer | null {
  if (iv.length !== IV_BYTES || body.length < TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
  } catch {
    return null;
  }
}

function toCompact(iv: Buffer, body: Buffer): string {
  return `${COMPACT_VERSION}.${iv.toString("base64url")}.${body.toString("base64url")}`;
}

// Strict decoding (alphabet and round trip) because Buffer.from silently skips invalid characters.
function decodeB64url(part: string): Buffer | null {
  if (!B64URL.test(part)) return null;
  const bytes = Buffer.from(part, "base64url");
  return bytes.toString("base64url") === part ? bytes : null;
}

function fromCompact(key: Buffer, compact: string, aad: string): Buffer | null {
  const parts = compact.split(".");
  if (parts.length !== 3 || parts[0] !== COMPACT_VERSION) return null;
  const iv = decodeB64url(parts[1] ?? "");
  const body = decodeB64url(parts[2] ?? "");
  return iv && body ? gcmDecrypt(key, iv, body, aad) : null;
}

export function parseMasterKey(value: string): Buffer {
  const trimmed = value.trim();
  const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, "base64") : null;
  if (!key || key.length !== KEY_BYTES) {
    throw new Error(`master key must be base64 or base64url encoding exactly ${KEY_BYTES} bytes`);
  }
  return key;
}

export function newDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

// A 32-byte key wrapped under another, bound to `aad` (which names the use and the wrapping key).
export function wrapKey(kek: Buffer, key: Buffer, aad: string): string {
  requireKey(kek, "key-encryption key");
  requireKey(key, "wrapped key");
  const { iv, body } = gcmEncrypt(kek, key, aad);
  return toCompact(iv, body);
}

export function unwrapKey(kek: Buffer, wrapped: string, aad: string): Buffer | null {
  requireKey(kek, "key-encryption key");
  const key = fromCompact(kek, wrapped, aad);
  return key && key.length === KEY_BYTES ? key : null;
}

export function wrapDataKey(master: Buffer, dataKey: Buffer): string {
  requireKey(master, "master key");
  requireKey(dataKey, "data key");
  const { iv, body } = gcmEncrypt(master, dataKey, DATA_KEY_AAD);
  return toCompact(iv, body);
}

export function unwrapDataKey(master: Buffer, wrapped: string): Buffer {
  requireKey(master, "master key");
  const dataKey = fromCompact(master, wrapped, DATA_KEY_AAD);
  if (!dataKey || dataKey.length !== KEY_BYTES) throw new Error("could not unwrap data key");
  return dataKey;
}

// The caller's AAD names the chunk's session, stream and position, so a stored chunk cannot be
// replayed into another session or reordered without failing authentication.
export function encryptChunk(dataKey: Buffer, plaintext: Uint8Array, aad: string): Buffer {
  requireKey(dataKey, "data key");
  const { iv, body } = gcmEncrypt(dataKey, plaintext, CHUNK_AAD_PREFIX + aad);
  return Buffer.concat([Buffer.of(CHUNK_VERSION), iv, body]);
}

export function decryptChunk(dataKey: Buffer, payload: Uint8Array, aad: string): Buffer {
  requireKey(dataKey, "data key");
  const plaintext =
    payload[0] === CHUNK_VERSION
      ? gcmDecrypt(dataKey, payload.subarray(1, 1 + IV_BYTES), payload.subarray(1 + IV_BYTES), CHUNK_AAD_PREFIX + aad)
      : null;
  if (!plaintext) throw new Error("could not decrypt chunk");
  return plaintext;
}

export function sealWithMaster(master: Buffer, plaintext: Uint8Array, purpose: string): string {
  requireKey(master, "master key");
  if (!purpose) throw new Error("purpose is required");
  const { iv, body } = gcmEncrypt(master, plaintext, SEALED_AAD_PREFIX + purpose);
  return toCompact(iv, body);
}

export function openWithMaster(master: Buffer, sealed: string, purpose: string): Buffer {
  requireKey(master, "master key");
  const plaintext = purpose ? fromCompact(master, sealed, SEALED_AAD_PREFIX + purpose) : null;
  if (!plaintext) throw new Error("could not open sealed secret");
  return plaintext;
}
