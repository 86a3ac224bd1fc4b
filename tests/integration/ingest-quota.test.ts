import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { createSite } from "@/lib/sites/create-site";
import { rotateVaultKey } from "@/lib/sites/vault-keys";
import { deleteRecording } from "@/lib/recordings/delete-recording";
import { firstBatch, giveConsent, postBatch } from "@/tests/support/sdk-calls";
import { staff } from "@/tests/support/factories";

// Security M5: anyone holding the public site key could fill the disk. Per-site storage quota and
// per-session caps on bytes and chunks, checked in the ingest transaction itself so that uploads
// racing each other cannot all pass, answered with a 413 that names the cap.

const ORIGIN = "https://quota-shop.example";
const by = { id: null, label: "test" };
const suffix = randomBytes(4).toString("hex");
const MIB = 1024 * 1024;
let admin: Actor;

// An M1 site with a vault key: the sealed copy is stored as sent, so its size is the test's to choose.
async function vaultSite(name: string) {
  const site = await createSite({ name: `${name} ${suffix}`, origins: [ORIGIN], by });
  await db().site.update({ where: { id: site.id }, data: { maskingMode: "M1" } });
  await rotateVaultKey(admin, site.id);
  return site;
}

const vaultOf = (bytes: number) => randomBytes(bytes).toString("base64");

async function upload(site: { publicKey: string }, session: { sessionId: string; proofId: string }, seq: number, vaultBytes = 0) {
  const res = await postBatch(ORIGIN, firstBatch(site, ORIGIN, session, { seq, ...(seq > 0 ? { trigger: undefined } : {}), ...(vaultBytes ? { vault: vaultOf(vaultBytes) } : {}) }));
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } };
}

async function siteUsage(siteId: string) {
  const [site, sum] = await Promise.all([
    db().site.findUniqueOrThrow({ where: { id: siteId }, select: { storedBytes: true } }),
    db().recording.aggregate({ where: { siteId }, _sum: { storedBytes: true } }),
  ]);
  return { counter: Number(site.storedBytes), rows: sum._sum.storedBytes ?? 0 };
}

beforeAll(async () => {
  admin = await staff("quota-admin", "admin");
});

describe("storage quota and session caps (M5)", () => {
  it("caps the chunks of one session, even when its uploads race", async () => {
    const site = await createSite({ name: `Chunk cap ${suffix}`, origins: [ORIGIN], by });
    await db().site.update({ where: { id: site.id }, data: { sessionMaxChunks: 4 } });
    const visit = await giveConsent(site, ORIGIN);
    expect((await upload(site, visit, 0)).status).toBe(201);
    const raced = await Promise.all([1, 2, 3, 4, 5, 6, 7].map((seq) => upload(site, visit, seq)));
    expect(raced.filter((r) => r.status === 201)).toHaveLength(3);
    const refused = raced.filter((r) => r.status !== 201);
    expect(refused.every((r) => r.status === 413)).toBe(true);
    expect(refused[0]!.body.error!.message).toMatch(/4 chunks per session/);
    const stored = await db().recording.findFirstOrThrow({ where: { sdkSessionId: visit.sessionId }, include: { _count: { select: { chunks: true } } } });
    expect(stored.chunkCount).toBe(4);
    expect(stored._count.chunks).toBe(4);
  });

  it("caps the bytes of one session", async () => {
    const site = await vaultSite("Session bytes cap");
    await db().site.update({ where: { id: site.id }, data: { sessionMaxMb: 1 } });
    const visit = await giveConsent(site, ORIGIN);
    expect((await upload(site, visit, 0, 400_000)).status).toBe(201);
    expect((await upload(site, visit, 1, 400_000)).status).toBe(201);
    const third = await upload(site, visit, 2, 400_000);
    expect(third.status).toBe(413);
    expect(third.body.error!.message).toMatch(/1 MiB per session/);
    const stored = await db().recording.findFirstOrThrow({ where: { sdkSessionId: visit.sessionId } });
    expect(stored.storedBytes).toBeLessThanOrEqual(MIB);
  });

  it("keeps a site within its storage quota when many sessions upload at once, and frees it on deletion", async () => {
    const site = await vaultSite("Site quota");
    await db().site.update({ where: { id: site.id }, data: { storageQuotaMb: 1 } });
    const visits = await Promise.all(Array.from({ length: 6 }, () => giveConsent(site, ORIGIN)));
    const results = await Promise.all(visits.map((v) => upload(site, v, 0, 300_000)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused.every((r) => r.status === 413 && /storage quota of 1 MiB/.test(r.body.error!.message))).toBe(true);
    // Refused first batches leave no session behind.
    expect(await db().recording.count({ where: { siteId: site.id } })).toBe(3);
    const usage = await siteUsage(site.id);
    expect(usage.counter).toBe(usage.rows);
    expect(usage.counter).toBeLessThanOrEqual(MIB);

    const one = await db().recording.findFirstOrThrow({ where: { siteId: site.id } });
    await deleteRecording({ recordingId: one.id, reason: "customer", dueAt: new Date() });
    const after = await siteUsage(site.id);
    expect(after.counter).toBe(after.rows);
    expect(after.counter).toBe(usage.counter - one.storedBytes);
    expect((await upload(site, visits.find((v) => v.sessionId !== one.sdkSessionId && results[visits.indexOf(v)]!.status !== 201)!, 0, 300_000)).status).toBe(201);
  });

  it("admins set the limits per site (validated, audited) and see usage against the quota", async () => {
    const { storageUsage, updateStorageLimits } = await import("@/lib/sites/storage-limits");
    const site = await createSite({ name: `Limits ${suffix}`, origins: [ORIGIN], by });
    const defaults = await storageUsage(admin, site.id);
    expect(defaults).toMatchObject({ storedBytes: 0, storageQuotaMb: 2048, sessionMaxMb: 64, sessionMaxChunks: 4000 });
    await expect(updateStorageLimits(admin, site.id, { storageQuotaMb: 0 })).rejects.toThrow(/storageQuotaMb/);
    await expect(updateStorageLimits(admin, site.id, { sessionMaxMb: 4096, storageQuotaMb: 1024 })).rejects.toThrow(/sessionMaxMb/);
    await expect(updateStorageLimits(admin, site.id, { sessionMaxChunks: 1.5 })).rejects.toThrow(/sessionMaxChunks/);
    expect(await updateStorageLimits(admin, site.id, { storageQuotaMb: 512, sessionMaxChunks: 1000 })).toMatchObject({ changed: ["storageQuotaMb", "sessionMaxChunks"] });
    expect(await storageUsage(admin, site.id)).toMatchObject({ storageQuotaMb: 512, sessionMaxMb: 64, sessionMaxChunks: 1000 });
    const entry = await db().auditEntry.findFirstOrThrow({ where: { action: "site.storage-limits", siteId: site.id } });
    expect(JSON.parse(entry.details)).toMatchObject({ changes: { storageQuotaMb: { from: 2048, to: 512 } } });

    const visit = await giveConsent(site, ORIGIN);
    expect((await upload(site, visit, 0)).status).toBe(201);
    const usage = await storageUsage(admin, site.id);
    expect(usage.storedBytes).toBeGreaterThan(0);
    expect(usage.sessions).toBe(1);
  });
});
