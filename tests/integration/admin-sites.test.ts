import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as sdkConfigRoute } from "@/app/api/v1/sdk-config/route";
import type { Actor } from "@/lib/auth/actor";
import { actorWithGrants } from "@/tests/support/actors";
import { db } from "@/lib/db/client";
import { openSealedBytes, sealBytes } from "@/lib/crypto/seal";
import { loadComplianceRecord } from "@/lib/compliance/load";
import { authenticateApiToken, createApiToken, revokeApiToken } from "@/lib/sites/api-tokens";
import { consentStats } from "@/lib/sites/consent-stats";
import { createSite } from "@/lib/sites/create-site";
import { openPseudonymSecret, rotatePseudonymSecret } from "@/lib/sites/pseudonym-secret";
import { parsePseudonymSecret } from "@/lib/crypto/pseudonym";
import { updateStorageLimits } from "@/lib/sites/storage-limits";
import { updateSiteSettings } from "@/lib/sites/update-settings";
import { openVaultPrivateKey, rotateVaultKey } from "@/lib/sites/vault-keys";
import type { SdkConfig } from "@/lib/replay/protocol";

const ORIGIN = "https://settings.example";
const actor = (siteId: string | null = null): Actor => actorWithGrants([{ role: "admin", siteId }], { userId: `admin-${randomBytes(3).toString("hex")}`, email: "site-admin@test.example" });
const admin = actor();
let site: { id: string; publicKey: string };

// What the recorder receives, through the public route, as a browser on the site would ask.
async function sdkConfig(): Promise<SdkConfig> {
  const res = await sdkConfigRoute(new Request(`http://localhost/api/v1/sdk-config?siteKey=${site.publicKey}`, { headers: { origin: ORIGIN } }));
  expect(res.status).toBe(200);
  return (await res.json()) as SdkConfig;
}
const auditCount = () => db().auditEntry.count();
const lastAudit = (action: string) => db().auditEntry.findFirstOrThrow({ where: { action }, orderBy: { seq: "desc" } });

beforeAll(async () => {
  site = await createSite({ name: "Settings shop", origins: [ORIGIN], by: { id: null, label: "test" } });
});

describe("site settings", () => {
  it("a change is audited with old and new values and is what the SDK receives next", async () => {
    expect(await sdkConfig()).toMatchObject({ maskingMode: "M3", recordingMode: "buffer", bufferMinutes: 5, maskSelectors: [], sensitivePages: ["/account/*", "/health/*"], pathSegmentAllowList: [] });
    const result = await updateSiteSettings(admin, site.id, { maskingMode: "M1", bufferMinutes: 10, maskSelectors: ".price\n  #basket  ", triggers: ["ticket", "error"], name: "Settings shop" });
    expect(result.changed.sort()).toEqual(["bufferMinutes", "maskSelectors", "maskingMode", "triggers"]);

    expect(await sdkConfig()).toMatchObject({ maskingMode: "M1", bufferMinutes: 10, maskSelectors: [".price", "#basket"], triggers: ["ticket", "error"], vaultPublicKey: null });
    const entry = await lastAudit("site.settings");
    expect(entry).toMatchObject({ siteId: site.id, targetId: site.id, actorId: admin.userId, actorLabel: admin.email });
    expect(JSON.parse(entry.details).changes).toEqual({
      maskingMode: { from: "M3", to: "M1" },
      bufferMinutes: { from: 5, to: 10 },
      maskSelectors: { from: "", to: ".price\n#basket" },
      triggers: { from: ["ticket", "code"], to: ["ticket", "error"] },
    });

    const count = await auditCount();
    expect((await updateSiteSettings(admin, site.id, { maskingMode: "M1" })).changed).toEqual([]);
    expect(await auditCount()).toBe(count);
  });

  it("rejects invalid settings naming the field and saves nothing, not even the valid part", async () => {
    const before = await db().site.findUniqueOrThrow({ where: { id: site.id }, omit: { pseudonymSecretSealed: false } });
    const count = await auditCount();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ maskingMode: "M1", retentionHours: 8 }, /retentionJustification: required when retention is over 4 hours/],
      [{ maskingMode: "M1", allowedOrigins: ["javascript:alert(1)"] }, /allowedOrigins\.0: .*is not an origin/],
      [{ maskingMode: "M1", maskSelectors: ".ok\ndiv > p" }, /maskSelectors: Unsupported CSS selector "div > p"/],
      [{ retentionHours: 2, closeGraceMinutes: 180 }, /closeGraceMinutes: must not exceed the retention \(120 minutes\)/],
      [{ samplingRate: "all" }, /samplingRate: must be a number/],
      // The masking floor (privacy point 2), in the one schema the form and the API share.
      [{ unmaskSelectors: ".product-title\n*" }, /unmaskSelectors: "\*" names no class, id or attribute/],
      [{ unmaskSelectors: ".container" }, /unmaskSelectors: "\.container" would unmask 100 % of the text of Replaydesk's sample pages/],
      [{ sensitivePages: "account" }, /sensitivePages: "account" is not a path pattern/],
      [{ shadowMode: true }, /shadowMode/],
    ];
    for (const [patch, message] of cases) await expect(updateSiteSettings(admin, site.id, patch)).rejects.toThrow(message);
    expect(await db().site.findUniqueOrThrow({ where: { id: site.id }, omit: { pseudonymSecretSealed: false } })).toEqual(before);
    expect(await auditCount()).toBe(count);
  });

  it("an admin limited to other sites cannot see or change this one", async () => {
    await expect(updateSiteSettings(actor("another-site"), site.id, { maskingMode: "M1" })).rejects.toThrow(/No such site/);
    await expect(rotateVaultKey(actor("another-site"), site.id)).rejects.toThrow(/No such site/);
    await expect(rotatePseudonymSecret(actor("another-site"), site.id)).rejects.toThrow(/No such site/);
    await expect(updateStorageLimits(actor("another-site"), site.id, { storageQuotaMb: 1 })).rejects.toThrow(/No such site/);
    expect((await db().site.findUniqueOrThrow({ where: { id: site.id }, omit: { pseudonymSecretSealed: false } })).maskingMode).toBe("M1");
  });
});

describe("vault keys", () => {
  it("rotation retires the old key, keeps it openable, and the SDK gets the new public key", async () => {
    const first = await rotateVaultKey(admin, site.id);
    expect(first.retired).toEqual([]);
    const firstRow = await db().vaultKey.findUniqueOrThrow({ where: { id: first.id } });
    expect((await sdkConfig()).vaultPublicKey).toBe(firstRow.publicKey);
    const sealedToOld = await sealBytes(firstRow.publicKey, new TextEncoder().encode("recorded under the first key"));

    const second = await rotateVaultKey(admin, site.id);
    expect(second.retired).toEqual([first.id]);
    const keys = await db().vaultKey.findMany({ where: { siteId: site.id }, omit: { privateKeyWrapped: false } });
    expect(keys.filter((k) => k.retiredAt === null).map((k) => k.id)).toEqual([second.id]);
    const retired = keys.find((k) => k.id === first.id)!;
    expect(retired.retiredAt).toBeInstanceOf(Date);
    expect(new TextDecoder().decode(await openSealedBytes(await openVaultPrivateKey(retired), sealedToOld))).toBe("recorded under the first key");
    const current = keys.find((k) => k.id === second.id)!;
    expect((await sdkConfig()).vaultPublicKey).toBe(current.publicKey);

    // The private key exists only sealed: not in the audit log, and not openable as another site's.
    const privateKey = await openVaultPrivateKey(current);
    expect(current.privateKeyWrapped).not.toContain(privateKey.slice(0, 40));
    const entry = await lastAudit("site.vault-key.rotate");
    expect(JSON.parse(entry.details)).toMatchObject({ keyId: second.id, retired: [first.id] });
    expect(entry.details).not.toContain(privateKey.slice(0, 40));
    expect(entry.details).not.toContain(current.privateKeyWrapped.slice(0, 40));
    await expect(openVaultPrivateKey({ ...current, siteId: "another-site" })).rejects.toThrow(/cannot be opened/);
  });

  it("M3 never hands out a vault key, whatever the site holds", async () => {
    await updateSiteSettings(admin, site.id, { maskingMode: "M3" });
    expect((await sdkConfig()).vaultPublicKey).toBeNull();
  });
});

describe("pseudonym signing secret", () => {
  it("is returned once, kept sealed for this site only, and each rotation moves to a new key version, audited", async () => {
    expect(openPseudonymSecret(await db().site.findUniqueOrThrow({ where: { id: site.id }, omit: { pseudonymSecretSealed: false } }))).toBeNull();
    const first = await rotatePseudonymSecret(admin, site.id);
    expect(first.version).toBe(2);
    const row = await db().site.findUniqueOrThrow({ where: { id: site.id }, omit: { pseudonymSecretSealed: false } });
    expect(openPseudonymSecret(row)!.equals(parsePseudonymSecret(first.secret))).toBe(true);
    expect(row.pseudonymSecretSealed).not.toContain(first.secret.slice(5, 30));
    expect(() => openPseudonymSecret({ ...row, id: "another-site" })).toThrow();
    const second = await rotatePseudonymSecret(admin, site.id);
    expect(second).toMatchObject({ version: 3 });
    expect(second.secret).not.toBe(first.secret);
    const entry = await lastAudit("site.pseudonym-secret.rotate");
    expect(JSON.parse(entry.details)).toEqual({ version: 3 });
    expect(entry.details).not.toContain(second.secret.slice(5, 30));
  });
});

describe("publisher API tokens", () => {
  it("are shown once, stored as a hash, authenticate a Bearer header until revoked", async () => {
    const by = { id: null, label: "token-admin" };
    const created = await createApiToken(site.id, "Helpdesk", by);
    expect(created.token).toMatch(/^rdt_[A-Za-z0-9_-]{43}$/);
    const row = await db().apiToken.findUniqueOrThrow({ where: { id: created.id }, omit: { tokenHash: false } });
    expect(row.tokenHash).not.toContain(created.token);
    expect(JSON.stringify(row)).not.toContain(created.token);
    expect(row.lastUsedAt).toBeNull();

    expect(await authenticateApiToken(`Bearer ${created.token}`)).toEqual({ siteId: site.id, tokenId: created.id });
    expect((await db().apiToken.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).toBeInstanceOf(Date);
    expect(await authenticateApiToken(created.token)).toEqual({ siteId: site.id, tokenId: created.id });
    expect(await authenticateApiToken(`Bearer ${created.token.slice(0, -1)}x`)).toBeNull();
    expect(await authenticateApiToken("Bearer nope")).toBeNull();
    expect(await authenticateApiToken(null)).toBeNull();

    await revokeApiToken(site.id, created.id, by);
    expect(await authenticateApiToken(`Bearer ${created.token}`)).toBeNull();
    await expect(revokeApiToken(site.id, created.id, by)).rejects.toThrow(/No active token/);
    const entries = await db().auditEntry.findMany({ where: { targetId: created.id }, orderBy: { seq: "asc" } });
    expect(entries.map((e) => e.action)).toEqual(["site.api-token.create", "site.api-token.revoke"]);
    expect(JSON.stringify(entries)).not.toContain(created.token);
  });
});

describe("consent statistics and the compliance record", () => {
  it("count consent per day and banner version, and the record reflects the live settings and evidence", async () => {
    const now = new Date();
    const yesterday = new Date(now.getTime() - 86_400_000);
    await db().consentRecord.createMany({
      data: [
        { siteId: site.id, granted: true, bannerVersion: "v2", createdAt: now, verifiedAt: now },
        { siteId: site.id, granted: true, bannerVersion: "v2", createdAt: now, verifiedAt: now },
        { siteId: site.id, granted: false, bannerVersion: "v2", createdAt: now, verifiedAt: now },
        { siteId: site.id, granted: true, bannerVersion: "v1", createdAt: yesterday, verifiedAt: yesterday },
        { siteId: site.id, granted: true, bannerVersion: "v1", createdAt: new Date(now.getTime() - 40 * 86_400_000), verifiedAt: now },
        // Posted with the public key but never used by an upload: not evidence (L9).
        { siteId: site.id, granted: true, bannerVersion: "v2", createdAt: now },
        { siteId: site.id, granted: false, bannerVersion: "v2", createdAt: now },
      ],
    });
    const stats = await consentStats(site.id, now);
    expect(stats.days).toHaveLength(30);
    expect(stats.days.at(-1)).toEqual({ day: now.toISOString().slice(0, 10), given: 2, withdrawn: 1 });
    expect(stats.days.at(-2)).toMatchObject({ given: 1, withdrawn: 0 });
    expect(stats.totals).toEqual({ given: 3, withdrawn: 1 });
    expect(stats.unverified).toEqual({ given: 1, withdrawn: 1 });
    expect(stats.banners).toEqual([{ version: "v2", given: 2, withdrawn: 1 }, { version: "v1", given: 1, withdrawn: 0 }]);

    const due = new Date(now.getTime() - 3600_000);
    await db().deletionReceipt.createMany({
      data: [
        { recordingHash: randomBytes(16).toString("hex"), siteId: site.id, reason: "retention", dueAt: due, doneAt: new Date(due.getTime() + 60_000) },
        { recordingHash: randomBytes(16).toString("hex"), siteId: site.id, reason: "retention", dueAt: due, doneAt: new Date(due.getTime() + 10 * 60_000) },
      ],
    });
    await updateSiteSettings(admin, site.id, { recordingMode: "stream" });
    const record = await loadComplianceRecord(admin, site.id, now);
    expect(record.measures.find((m) => m.code === "L2")?.status).toBe("shortfall");
    expect(record.measures.find((m) => m.code === "M3")?.status).toBe("on");
    expect(record.evidence.deletions).toMatchObject({ onTime: 1, late: 1 });
    expect(record.evidence.consents).toMatchObject({ given: 3, withdrawn: 1, unverified: { given: 1, withdrawn: 1 } });
    // S2 depends on every suite's grants in this database; the settings' own findings are exact.
    // (Retention: the late deletion. Consent: the latest grant names "v2", not a version of ours.)
    expect(record.shortfalls.map((s) => s.measure).filter((m) => m !== "S2").sort()).toEqual(["L2", "Retention"]);
    await expect(loadComplianceRecord(actor("another-site"), site.id, now)).rejects.toThrow(/No such site/);
  });
});
