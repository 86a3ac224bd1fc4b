import "server-only";
import { hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { openWithMaster, parseMasterKey, sealWithMaster } from "@/lib/crypto/envelope";
import { keyStore, type KeyStore } from "@/lib/crypto/key-store";

// Custody of the sites' vault private keys (M1/M2: the key that opens the sealed unmasked copy).
// They are not wrapped by the key that wraps everything else: a separate vault key-wrapping key
// in the key store ("vault-kek"), combined with MASTER_KEY, so neither the database with
// MASTER_KEY nor the key store alone opens a vault copy.
//
// Stored form (VaultKey.privateKeyWrapped): "<scheme>.<…>". Schemes:
//   vk1   "vk1.<compact>": the vault key-wrapping key (M1: the server opens it after validation);
//   vc1   "vc1.<salt>.<compact>": M2, the key custodian's. The wrapping key is derived from the
//         custodian's secret AND the vault key-wrapping key AND MASTER_KEY. The secret is shown
//         once at enrolment and never stored, so whoever runs the server (database, key store,
//         MASTER_KEY, backups) cannot open an M2 vault copy, and the custodian alone, with a copy
//         of the database, cannot either;
//   v1    (no prefix) the format from before the key store, under MASTER_KEY alone: read only by
//         the upgrade step, which re-wraps it into vk1.

const SCHEME = "vk1";
const CUSTODY_SCHEME = "vc1";
// 160 random bits: the secret is the one thing between the operator's keys and an M2 copy, and
// the operator holds everything else needed to test guesses offline, so it is random, never a
// passphrase a person chose (which a slow KDF would only slow down, not make unguessable).
const SECRET_BYTES = 20;
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function vaultKeyPurpose(siteId: string): string {
  return `vault-private-key:${siteId}`;
}

async function wrappingKey(store: KeyStore): Promise<Buffer> {
  return Buffer.from(hkdfSync("sha256", await store.namedKey("vault-kek"), parseMasterKey(env().MASTER_KEY), "replaydesk:vault-kek:v1", 32));
}

export async function sealVaultPrivateKey(siteId: string, pkcs8: string, store: KeyStore = keyStore()): Promise<string> {
  return `${SCHEME}.${sealWithMaster(await wrappingKey(store), new TextEncoder().encode(pkcs8), vaultKeyPurpose(siteId))}`;
}

export async function openVaultPrivateKeyWith(key: { siteId: string; privateKeyWrapped: string }, store: KeyStore = keyStore()): Promise<string> {
  const [scheme, ...rest] = key.privateKeyWrapped.split(".");
  if (scheme === CUSTODY_SCHEME) throw new AppError("forbidden", "This vault key is held by the site's key custodian (M2): the server cannot open it alone.");
  if (scheme !== SCHEME) throw new AppError("gone", "This vault key is in a format this server does not open.");
  try {
    return Buffer.from(openWithMaster(await wrappingKey(store), rest.join("."), vaultKeyPurpose(key.siteId))).toString("utf8");
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError("gone", "The vault key cannot be opened with this key store and MASTER_KEY.");
  }
}

export function isCustodial(privateKeyWrapped: string): boolean {
  return privateKeyWrapped.startsWith(`${CUSTODY_SCHEME}.`);
}

// A new custodian secret, as the custodian is shown it once: 32 Crockford base32 characters in
// groups of four (unambiguous to read aloud or copy by hand).
export function newCustodySecret(): string {
  const bytes = randomBytes(SECRET_BYTES);
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)!.join("-");
}

// The secret's bytes from what the custodian typed (any case, dashes and spaces ignored, O/I/L
// read as 0/1/1), or null when it cannot be a secret.
export function parseCustodySecret(typed: string): Buffer | null {
  const chars = typed.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (chars.length !== (SECRET_BYTES * 8) / 5) return null;
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const c of chars) {
    const v = CROCKFORD.indexOf(c);
    if (v < 0) return null;
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

async function custodyWrappingKey(secret: Buffer, salt: Buffer, siteId: string, store: KeyStore): Promise<Buffer> {
  const ikm = Buffer.concat([secret, await store.namedKey("vault-kek")]);
  return Buffer.from(hkdfSync("sha256", ikm, parseMasterKey(env().MASTER_KEY), `replaydesk:vault-custody:v1:${siteId}:${salt.toString("base64url")}`, 32));
}

// M2 enrolment: the private key sealed under the custodian's secret (with the server's keys).
export async function sealVaultPrivateKeyForCustodian(siteId: string, pkcs8: string, secret: string, store: KeyStore = keyStore()): Promise<string> {
  const bytes = parseCustodySecret(secret);
  if (!bytes) throw new Error("not a custody secret");
  const salt = randomBytes(16);
  const sealed = sealWithMaster(await custodyWrappingKey(bytes, salt, siteId, store), new TextEncoder().encode(pkcs8), vaultKeyPurpose(siteId));
  return `${CUSTODY_SCHEME}.${salt.toString("base64url")}.${sealed}`;
}

// M2 acceptance: the private key, in memory only, if `secret` is the custodian's; one message for
// every failure (a malformed or wrong secret, another site's key), which never quotes the secret.
export async function openCustodialVaultKey(key: { siteId: string; privateKeyWrapped: string }, secret: string, store: KeyStore = keyStore()): Promise<string> {
  const [scheme, salt, ...rest] = key.privateKeyWrapped.split(".");
  const bytes = parseCustodySecret(secret);
  const refused = new AppError("forbidden", "This secret does not open the site's M2 vault key.");
  if (scheme !== CUSTODY_SCHEME || !salt || !bytes) throw refused;
  const wrapping = await custodyWrappingKey(bytes, Buffer.from(salt, "base64url"), key.siteId, store);
  try {
    return Buffer.from(openWithMaster(wrapping, rest.join("."), vaultKeyPurpose(key.siteId))).toString("utf8");
  } catch {
    throw refused;
  }
}

// The pre-key-store format (sealed under MASTER_KEY alone), for the upgrade step.
export function openLegacyVaultPrivateKey(key: { siteId: string; privateKeyWrapped: string }): string | null {
  if (key.privateKeyWrapped.startsWith(`${SCHEME}.`) || isCustodial(key.privateKeyWrapped)) return null;
  try {
    return Buffer.from(openWithMaster(parseMasterKey(env().MASTER_KEY), key.privateKeyWrapped, vaultKeyPurpose(key.siteId))).toString("utf8");
  } catch {
    return null;
  }
}
