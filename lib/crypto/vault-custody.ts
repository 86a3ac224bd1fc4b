import "server-only";
import { hkdfSync } from "node:crypto";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { openWithMaster, parseMasterKey, sealWithMaster } from "@/lib/crypto/envelope";
import { keyStore, type KeyStore } from "@/lib/crypto/key-store";

// Custody of the sites' vault private keys (M1/M2: the key that opens the sealed unmasked copy).
// They are not wrapped by the key that wraps everything else: a separate vault key-wrapping key
// in the key store ("vault-kek"), combined with MASTER_KEY, so neither the database with
// MASTER_KEY nor the key store alone opens a vault copy.
//
// Stored form (VaultKey.privateKeyWrapped): "<scheme>.<AES-GCM compact>". Schemes:
//   vk1   the vault key-wrapping key (this file);
//   v1    (no prefix) the format from before the key store, under MASTER_KEY alone: read only by
//         the upgrade step, which re-wraps it into vk1.
// The M2 key custodian (a privacy officer) adds a scheme whose wrapping key is derived from the
// custodian's secret, never stored: the server then cannot open that site's vault key alone.

const SCHEME = "vk1";

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
  if (scheme !== SCHEME) throw new AppError("gone", "This vault key is in a format this server does not open.");
  try {
    return Buffer.from(openWithMaster(await wrappingKey(store), rest.join("."), vaultKeyPurpose(key.siteId))).toString("utf8");
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError("gone", "The vault key cannot be opened with this key store and MASTER_KEY.");
  }
}

// The pre-key-store format (sealed under MASTER_KEY alone), for the upgrade step.
export function openLegacyVaultPrivateKey(key: { siteId: string; privateKeyWrapped: string }): string | null {
  if (key.privateKeyWrapped.startsWith(`${SCHEME}.`)) return null;
  try {
    return Buffer.from(openWithMaster(parseMasterKey(env().MASTER_KEY), key.privateKeyWrapped, vaultKeyPurpose(key.siteId))).toString("utf8");
  } catch {
    return null;
  }
}
