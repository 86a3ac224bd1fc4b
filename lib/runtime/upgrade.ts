import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { parseMasterKey, unwrapDataKey } from "@/lib/crypto/envelope";
import { latestDeadline, parseWrapped, wrapExistingKey } from "@/lib/crypto/recording-keys";
import { openLegacyVaultPrivateKey, sealVaultPrivateKey } from "@/lib/crypto/vault-custody";
import { anchorExistingChain } from "@/lib/audit/checkpoint";
import { maskStoredPageLists } from "@/lib/runtime/mask-stored-pages";
import { retireUncustodiedM2 } from "@/lib/sites/vault-keys";

// The runtime half of upgrading an installation from before the key store (the schema half is
// the migrations). Idempotent, run after every migration (npm start, npm run db:migrate):
//  - data keys wrapped by MASTER_KEY alone are re-wrapped under the KEK of their latest
//    deadline's hour (an overdue recording: the current hour; the sweeper deletes it next);
//  - vault private keys sealed under MASTER_KEY are re-sealed under the vault key-wrapping key;
//  - the audit log's existing (unkeyed) chain is anchored by a first signed checkpoint, after
//    which entries are HMAC-chained;
//  - "M2" sites without a key custodian (the server opened their vault key alone) go to M3,
//    audited (privacy point 6, lib/sites/vault-keys.ts), after the anchoring so the entry is keyed.
// A key that does not open with MASTER_KEY is left as it is and counted: it was unreadable before.

const PAGE = 500;

export type UpgradeReport = { dataKeys: number; vaultKeys: number; unreadable: number; auditAnchoredAt: number | null; m2WithoutCustodian: number; pageListsMasked: number };

async function rewrapDataKeys(now: Date, report: UpgradeReport): Promise<void> {
  const master = parseMasterKey(env().MASTER_KEY);
  let after = "";
  for (;;) {
    const rows = await db().recording.findMany({
      where: { id: { gt: after }, wrappedDataKey: { not: null } },
      orderBy: { id: "asc" },
      take: PAGE,
      select: { id: true, wrappedDataKey: true, startedAt: true, deleteAfter: true, site: { select: { maxSessionMinutes: true, retentionHours: true } } },
    });
    if (rows.length === 0) return;
    after = rows.at(-1)!.id;
    for (const row of rows) {
      const old = row.wrappedDataKey!;
      if (parseWrapped(old)) continue;
      let dataKey: Buffer;
      try {
        dataKey = unwrapDataKey(master, old);
      } catch {
        report.unreadable += 1;
        continue;
      }
      const latest = latestDeadline(row.startedAt, row.site);
      const deadline = new Date(Math.max(now.getTime(), Math.min(latest.getTime(), row.deleteAfter?.getTime() ?? latest.getTime())));
      const wrapped = await wrapExistingKey(dataKey, deadline);
      // Conditional: a concurrent deletion or re-wrap wins.
      report.dataKeys += (await db().recording.updateMany({ where: { id: row.id, wrappedDataKey: old }, data: { wrappedDataKey: wrapped } })).count;
    }
  }
}

async function resealVaultKeys(report: UpgradeReport): Promise<void> {
  // vk1 (the vault key-wrapping key) and vc1 (an M2 custodian's) are current formats.
  const keys = await db().vaultKey.findMany({ where: { NOT: [{ privateKeyWrapped: { startsWith: "vk1." } }, { privateKeyWrapped: { startsWith: "vc1." } }] }, select: { id: true, siteId: true, privateKeyWrapped: true } });
  for (const key of keys) {
    const pkcs8 = openLegacyVaultPrivateKey(key);
    if (!pkcs8) {
      report.unreadable += 1;
      continue;
    }
    const sealed = await sealVaultPrivateKey(key.siteId, pkcs8);
    report.vaultKeys += (await db().vaultKey.updateMany({ where: { id: key.id, privateKeyWrapped: key.privateKeyWrapped }, data: { privateKeyWrapped: sealed } })).count;
  }
}

export async function upgradeInstallation(now = new Date()): Promise<UpgradeReport> {
  const report: UpgradeReport = { dataKeys: 0, vaultKeys: 0, unreadable: 0, auditAnchoredAt: null, m2WithoutCustodian: 0, pageListsMasked: 0 };
  await rewrapDataKeys(now, report);
  await resealVaultKeys(report);
  report.auditAnchoredAt = (await anchorExistingChain(now))?.seq ?? null;
  report.m2WithoutCustodian = await retireUncustodiedM2(now);
  report.pageListsMasked = await maskStoredPageLists();
  return report;
}

export function describeUpgrade(r: UpgradeReport): string | null {
  const parts = [
    r.dataKeys > 0 ? `${r.dataKeys} recording key(s) moved from MASTER_KEY to the key store` : "",
    r.vaultKeys > 0 ? `${r.vaultKeys} vault key(s) re-sealed under the vault key-wrapping key` : "",
    r.unreadable > 0 ? `${r.unreadable} key(s) did not open with MASTER_KEY and were left as they were` : "",
    r.auditAnchoredAt !== null ? `audit log anchored at entry #${r.auditAnchoredAt}` : "",
    r.pageListsMasked > 0 ? `page lists of ${r.pageListsMasked} recording(s) masked` : "",
    r.m2WithoutCustodian > 0 ? `${r.m2WithoutCustodian} M2 site(s) without a key custodian switched to M3 (their vault key was the server's: choose M2 again once a privacy officer enrols at /custody)` : "",
  ].filter(Boolean);
  return parts.length ? `Upgrade: ${parts.join("; ")}.` : null;
}
