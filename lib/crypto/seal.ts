// Sealed box for the recorder SDK: publishers' pages seal with the site's public key and only the
// vault private key opens. Browser-safe on purpose (WebCrypto only): it ships inside the SDK.

const VERSION = 1;
const POINT_BYTES = 65;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + POINT_BYTES + IV_BYTES;
const ECDH = { name: "ECDH", namedCurve: "P-256" } as const;
const INFO = new TextEncoder().encode("replaydesk:vault:v1");

// WebCrypto rejects views over SharedArrayBuffer; copy only then so large payloads stay zero-copy.
function view(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer
    ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    : new Uint8Array(bytes);
}

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  // Spreading a whole multi-megabyte array into fromCharCode would overflow the call stack.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

// Also accepts base64url without padding (JWK coordinates use it).
export function fromBase64(b64: string): Uint8Array {
  const binary = atob(b64.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

// Salting HKDF with both public keys binds the AES key to this exact sender/recipient pair, so
// swapping the ephemeral key in a sealed box or opening it for another recipient fails.
async function aesKey(
  privateKey: CryptoKey,
  peerPublic: CryptoKey,
  ephemeralRaw: Uint8Array,
  recipientRaw: Uint8Array,
  usage: KeyUsage,
): Promise<CryptoKey> {
  const subtle = globalThis.crypto.subtle;
  const shared = await subtle.deriveBits({ name: "ECDH", public: peerPublic }, privateKey, 256);
  const ikm = await subtle.importKey("raw", shared, "HKDF", false, ["deriveKey"]);
  const salt = new Uint8Array(POINT_BYTES * 2);
  salt.set(ephemeralRaw);
  salt.set(recipientRaw, POINT_BYTES);
  return subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt, info: INFO },
    ikm,
    { name: "AES-GCM", length: 256 },
    false,
    [usage],
  );
}

export async function generateVaultKeyPair(): Promise<{ publicKey: string; privateKey: string }> {
  const subtle = globalThis.crypto.subtle;
  const pair = await subtle.generateKey(ECDH, true, ["deriveBits"]);
  const spki = await subtle.exportKey("spki", pair.publicKey);
  const pkcs8 = await subtle.exportKey("pkcs8", pair.privateKey);
  return { publicKey: toBase64(new Uint8Array(spki)), privateKey: toBase64(new Uint8Array(pkcs8)) };
}

export async function sealBytes(publicKeySpki: string, plaintext: Uint8Array): Promise<Uint8Array> {
  const subtle = globalThis.crypto.subtle;
  const recipient = await subtle.importKey("spki", view(fromBase64(publicKeySpki)), ECDH, true, []);
  const ephemeral = await subtle.generateKey(ECDH, true, ["deriveBits"]);
  const ephemeralRaw = new Uint8Array(await subtle.exportKey("raw", ephemeral.publicKey));
  const recipientRaw = new Uint8Array(await subtle.exportKey("raw", recipient));
  const key = await aesKey(ephemeral.privateKey, recipient, ephemeralRaw, recipientRaw, "encrypt");
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const body = new Uint8Array(await subtle.encrypt({ name: "AES-GCM", iv }, key, view(plaintext)));
  const out = new Uint8Array(HEADER_BYTES + body.length);
  out[0] = VERSION;
  out.set(ephemeralRaw, 1);
  out.set(iv, 1 + POINT_BYTES);
  out.set(body, HEADER_BYTES);
  return out;
}

export async function openSealedBytes(privateKeyPkcs8: string, sealed: Uint8Array): Promise<Uint8Array> {
  const subtle = globalThis.crypto.subtle;
  if (sealed[0] !== VERSION || sealed.length < HEADER_BYTES + TAG_BYTES) {
    throw new Error("sealed box could not be opened");
  }
  try {
    // PKCS8 does not reliably carry the public point; JWK export always does (x, y).
    const privateKey = await subtle.importKey("pkcs8", view(fromBase64(privateKeyPkcs8)), ECDH, true, ["deriveBits"]);
    const jwk = await subtle.exportKey("jwk", privateKey);
    const recipientRaw = new Uint8Array(POINT_BYTES);
    recipientRaw[0] = 4;
    recipientRaw.set(fromBase64(jwk.x ?? ""), 1);
    recipientRaw.set(fromBase64(jwk.y ?? ""), 33);
    const ephemeralRaw = view(sealed.subarray(1, 1 + POINT_BYTES));
    const ephemeral = await subtle.importKey("raw", ephemeralRaw, ECDH, true, []);
    const key = await aesKey(privateKey, ephemeral, ephemeralRaw, recipientRaw, "decrypt");
    const iv = view(sealed.subarray(1 + POINT_BYTES, HEADER_BYTES));
    return new Uint8Array(await subtle.decrypt({ name: "AES-GCM", iv }, key, view(sealed.subarray(HEADER_BYTES))));
  } catch {
    // One generic error for every cause (bad key, bad point, failed tag) to avoid a decryption oracle.
    throw new Error("sealed box could not be opened");
  }
}
