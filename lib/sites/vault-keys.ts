import "server-only";
import { createHash } from "node:crypto";
import { db, type Tx } from "@/lib/db/client";
import { appendAudit } from "@/lib/audit/append";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { generateVaultKeyPair } from "@/lib/crypto/seal";
import { isCustodial, newCustodySecret, openVaultPrivateKeyWith, sealVaultPrivateKey, sealVaultPrivateKeyForCustodian } from "@/lib/crypto/vault-custody";
import { requireSiteFor } from "@/lib/sites/admin-sites";
import { auditActor, siteWhere } from "@/lib/auth/scope";

// Short, public identification of a key for the audit log and the admin page.
export function keyFingerprint(publicKey: string): string {
  return createHash("sha256").update(publicKey).digest("hex").slice(0, 16);
}

// Retires the site's active key and stores the new one, in one transaction with its audit entry.
// Writing the site row first serialises concurrent rotations (row lock on PostgreSQL, one writer on
// SQLite), so a site never ends up with two active keys; `check` sees the site row as locked.
async function replaceActiveKey(
  actor: Actor,
  siteId: string,
  key: { publicKey: string; privateKeyWrapped: string; custodianId: string | null },
  action: (hadActiveKey: boolean) => string,
  check: (site: { maskingMode: string }) => void,
  now: Date,
) {
  return db().$transaction(async (tx: Tx) => {
    check(await tx.site.update({ where: { id: siteId }, data: { updatedAt: now } }));
    const active = await tx.vaultKey.findMany({ where: { siteId, retiredAt: null }, select: { id: true } });
    await tx.vaultKey.updateMany({ where: { id: { in: active.map((k) => k.id) } }, data: { retiredAt: now } });
    const created = await tx.vaultKey.create({ data: { siteId, ...key, createdAt: now }, select: { id: true, publicKey: true, createdAt: true } });
    const retired = active.map((k) => k.id);
    await appendAudit(
      { actor: auditActor(actor), action: action(retired.length > 0), target: { type: "site", id: siteId }, siteId, details: { keyId: created.id, fingerprint: keyFingerprint(created.publicKey), retired }, at: now },
      tx,
    );
    return { id: created.id, fingerprint: keyFingerprint(created.publicKey), createdAt: created.createdAt, retired };
  });
}

// M1 (and M3 sites preparing for M1): a new key pair for the site, its private key sealed under the
// vault key-wrapping key of the key store (lib/crypto/vault-custody.ts), never leaving the server.
// The previous key is retired, not deleted: recordings sealed to it stay openable until deleted.
// An M2 site's key is its custodian's: an admin replacing it with one the server opens would make
// the M2 promise false, so only the custodian rotates it (enrolCustody).
export async function rotateVaultKey(actor: Actor, siteId: string, now = new Date()) {
  const site = await requireSiteFor(actor, siteId);
  const refuseM2 = (s: { maskingMode: string }) => {
    if (s.maskingMode === "M2") throw new AppError("conflict", "On M2 the vault key is held by the site's key custodian: a privacy officer of the site replaces it by enrolling again at /custody.");
  };
  refuseM2(site);
  const pair = await generateVaultKeyPair();
  const privateKeyWrapped = await sealVaultPrivateKey(site.id, pair.privateKey);
  const action = (hadActiveKey: boolean) => (hadActiveKey ? "site.vault-key.rotate" : "site.vault-key.generate");
  return replaceActiveKey(actor, site.id, { publicKey: pair.publicKey, privateKeyWrapped, custodianId: null }, action, refuseM2, now);
}

// Privacy point 6: a privacy officer of the site becomes its M2 key custodian. The server makes a
// new key pair (never re-wraps the old one, whose server-held copies may sit in backups), seals the
// private key under a new random secret (with the server's keys, lib/crypto/vault-custody.ts),
// keeps only that sealed form and returns the secret, which exists nowhere else: it is shown once
// and never stored or logged. Not on an M1 site, whose copies the server must open.
export async function enrolCustody(actor: Actor, siteId: string, now = new Date()) {
  const site = await db().site.findFirst({ where: { AND: [{ id: siteId }, siteWhere(actor, "unmask:custody")] }, select: { id: true, maskingMode: true } });
  if (!site) throw new AppError("not_found", "No such site among those you are privacy officer of.");
  const refuseM1 = (s: { maskingMode: string }) => {
    if (s.maskingMode === "M1") throw new AppError("conflict", "This site uses M1: the server opens its unmasked copies after a supervisor's validation. An admin switches it to M3 first, then you enrol, then M2 can be chosen.");
  };
  refuseM1(site);
  const pair = await generateVaultKeyPair();
  const secret = newCustodySecret();
  const privateKeyWrapped = await sealVaultPrivateKeyForCustodian(site.id, pair.privateKey, secret);
  const key = await replaceActiveKey(actor, site.id, { publicKey: pair.publicKey, privateKeyWrapped, custodianId: actor.userId }, () => "site.vault-key.custody", refuseM1, now);
  return { ...key, secret };
}

// Upgrade (lib/runtime/upgrade.ts): before privacy point 6, "M2" sites had a vault key the server
// opened by itself, so the claim "not made available to the publisher" was false. Such a site goes
// to M3 (nothing unmasked collected: the publisher had chosen to keep unmasked data from itself,
// and M1 would give its supervisors and agents more than that), audited; an admin chooses M2 again
// once a custodian enrolls, or M1. Its earlier copies stay sealed to the old key, and no M2
// unmasking can open them (an acceptance needs a custodial key). Idempotent: a site chosen as M2
// since then always has a custodial key.
export async function retireUncustodiedM2(now = new Date()): Promise<number> {
  const sites = await db().site.findMany({ where: { maskingMode: "M2" }, select: { id: true, vaultKeys: { where: { retiredAt: null }, select: { privateKeyWrapped: true } } } });
  let switched = 0;
  for (const site of sites.filter((s) => !s.vaultKeys.some((k) => isCustodial(k.privateKeyWrapped)))) {
    await db().$transaction(async (tx: Tx) => {
      const { count } = await tx.site.updateMany({ where: { id: site.id, maskingMode: "M2" }, data: { maskingMode: "M3", updatedAt: now } });
      if (count === 0) return;
      switched += 1;
      await appendAudit(
        { actor: { id: null, label: "upgrade" }, action: "site.settings", target: { type: "site", id: site.id }, siteId: site.id, details: { changes: { maskingMode: { from: "M2", to: "M3" } }, reason: "M2 without a key custodian: the server could open its vault key alone" }, at: now },
        tx,
      );
    });
  }
  return switched;
}

// For the M1 reveal flow: the PKCS8 (base64) private key of a site's server-held vault key (vk1),
// active or retired. Kept in memory only by the caller. A custodial (M2) key does not open here.
export async function openVaultPrivateKey(key: { siteId: string; privateKeyWrapped: string }): Promise<string> {
  return openVaultPrivateKeyWith(key);
}
