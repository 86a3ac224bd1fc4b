import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import { appendAudit } from "@/lib/audit/append";
import type { Actor } from "@/lib/auth/actor";
import { generateVaultKeyPair } from "@/lib/crypto/seal";
import { openVaultPrivateKeyWith, sealVaultPrivateKey } from "@/lib/crypto/vault-custody";
import { requireSiteFor } from "@/lib/sites/admin-sites";
import { auditActor } from "@/lib/auth/scope";

// Short, public identification of a key for the audit log and the admin page.
export function keyFingerprint(publicKey: string): string {
  return createHash("sha256").update(publicKey).digest("hex").slice(0, 16);
}

// M1/M2: a new key pair for the site. The private key is stored only sealed under the vault
// key-wrapping key of the key store (lib/crypto/vault-custody.ts) and never leaves the server; the previous key is retired, not deleted, because recordings sealed to
// it must stay openable by the reveal flow until they are deleted.
export async function rotateVaultKey(actor: Actor, siteId: string, now = new Date()) {
  const site = await requireSiteFor(actor, siteId);
  const pair = await generateVaultKeyPair();
  const privateKeyWrapped = await sealVaultPrivateKey(site.id, pair.privateKey);
  return db().$transaction(async (tx) => {
    // Writing the site row first serialises concurrent rotations (row lock on PostgreSQL, one
    // writer on SQLite), so a site never ends up with two active keys.
    await tx.site.update({ where: { id: site.id }, data: { updatedAt: now } });
    const active = await tx.vaultKey.findMany({ where: { siteId: site.id, retiredAt: null }, select: { id: true } });
    await tx.vaultKey.updateMany({ where: { id: { in: active.map((k) => k.id) } }, data: { retiredAt: now } });
    const key = await tx.vaultKey.create({ data: { siteId: site.id, publicKey: pair.publicKey, privateKeyWrapped, createdAt: now }, select: { id: true, publicKey: true, createdAt: true } });
    await appendAudit(
      {
        actor: auditActor(actor),
        action: active.length ? "site.vault-key.rotate" : "site.vault-key.generate",
        target: { type: "site", id: site.id },
        siteId: site.id,
        details: { keyId: key.id, fingerprint: keyFingerprint(key.publicKey), retired: active.map((k) => k.id) },
        at: now,
      },
      tx,
    );
    return { id: key.id, fingerprint: keyFingerprint(key.publicKey), createdAt: key.createdAt, retired: active.map((k) => k.id) };
  });
}

// For the reveal flow: the PKCS8 (base64) private key of a site's vault key, active or retired.
// Kept in memory only by the caller.
export async function openVaultPrivateKey(key: { siteId: string; privateKeyWrapped: string }): Promise<string> {
  return openVaultPrivateKeyWith(key);
}
