import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";

// Privacy point 3 (the server enforces what the browser promises) and security L9 (forged consent
// evidence): ingest refuses a session without a consent grant of its own, and a trigger kind the
// site did not enable; consent records keep only a keyed hash of the session id; they count as
// evidence only once an upload used them, are exportable as CSV, and cannot be flooded.

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/auth/actor")>()), currentActor: async () => session.actor }));

const { db } = await import("@/lib/db/client");
const { env } = await import("@/lib/config/env");
const { createSite } = await import("@/lib/sites/create-site");
const { consentStats } = await import("@/lib/sites/consent-stats");
const { firstBatch, giveConsent, newSessionId, postBatch, postConsent, recordVisit } = await import("@/tests/support/sdk-calls");
const { staff } = await import("@/tests/support/factories");

const ORIGIN = "https://consent-shop.example";
const by = { id: null, label: "test" };
const suffix = randomBytes(4).toString("hex");
let site: { id: string; publicKey: string };
let otherSite: { id: string; publicKey: string };
let admin: Actor;

async function counts() {
  return { sessions: await db().recording.count(), chunks: await db().eventChunk.count() };
}

async function expectRefused(res: Response, status: number, message: RegExp, before: Awaited<ReturnType<typeof counts>>) {
  expect(res.status).toBe(status);
  expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
  expect(await counts()).toEqual(before);
}

beforeAll(async () => {
  site = await createSite({ name: `Consent shop ${suffix}`, origins: [ORIGIN], by });
  otherSite = await createSite({ name: `Other consent shop ${suffix}`, origins: [ORIGIN], by });
  admin = await staff("consent-admin", "admin");
});

describe("ingest requires the session's own consent grant", () => {
  it("refuses a session without a consent record, a proof of another session or site, and a withdrawn grant", async () => {
    const before = await counts();
    const unknownProof = { sessionId: newSessionId(), proofId: "cp_no-such-proof-0000000000" };
    await expectRefused(await postBatch(ORIGIN, firstBatch(site, ORIGIN, unknownProof)), 403, /consent/i, before);

    const someoneElse = await giveConsent(site, ORIGIN);
    await expectRefused(await postBatch(ORIGIN, firstBatch(site, ORIGIN, { sessionId: newSessionId(), proofId: someoneElse.proofId })), 403, /consent/i, before);

    const elsewhere = await giveConsent(otherSite, ORIGIN);
    await expectRefused(await postBatch(ORIGIN, firstBatch(site, ORIGIN, elsewhere)), 403, /consent/i, before);

    const withdrawn = await giveConsent(site, ORIGIN);
    expect((await postConsent(site, ORIGIN, { sessionId: withdrawn.sessionId, granted: false })).status).toBe(201);
    await expectRefused(await postBatch(ORIGIN, firstBatch(site, ORIGIN, withdrawn)), 403, /consent/i, before);

    const missing = firstBatch(site, ORIGIN, someoneElse) as Record<string, unknown>;
    delete missing.consent;
    await expectRefused(await postBatch(ORIGIN, missing), 400, /consent/i, before);
  });

  it("accepts the session's own proof on every batch and marks the grant as used by an upload", async () => {
    const visit = await recordVisit(site, ORIGIN);
    const grant = await db().consentRecord.findUniqueOrThrow({ where: { id: visit.proofId } });
    expect(grant.granted).toBe(true);
    expect(grant.verifiedAt).not.toBeNull();
    const next = await postBatch(ORIGIN, firstBatch(site, ORIGIN, visit, { seq: 1, trigger: undefined }));
    expect(next.status).toBe(201);
  });

  it("refuses a trigger kind the site did not enable, and one without a kind", async () => {
    await db().site.update({ where: { id: site.id }, data: { triggers: ["ticket"] } });
    try {
      const before = await counts();
      const manual = await giveConsent(site, ORIGIN);
      await expectRefused(await postBatch(ORIGIN, firstBatch(site, ORIGIN, manual, { trigger: { reason: "publisher code", kind: "manual" } })), 403, /manual/, before);
      await expectRefused(await postBatch(ORIGIN, firstBatch(site, ORIGIN, manual, { trigger: { reason: "ticket" } })), 400, /kind/, before);
      expect((await postBatch(ORIGIN, firstBatch(site, ORIGIN, manual))).status).toBe(201);
      const stored = await db().recording.findFirstOrThrow({ where: { sdkSessionId: manual.sessionId } });
      expect(stored.triggerKind).toBe("ticket");
    } finally {
      await db().site.update({ where: { id: site.id }, data: { triggers: ["ticket", "manual"] } });
    }
  });
});

describe("consent records", () => {
  it("keep a keyed hash of the session id, the banner version and the choice, never the raw id", async () => {
    const sessionId = newSessionId();
    const res = await postConsent(site, ORIGIN, { sessionId, granted: true, bannerVersion: "banner-2026-12" });
    expect(res.status).toBe(201);
    const { proofId } = (await res.json()) as { proofId: string };
    const row = await db().consentRecord.findUniqueOrThrow({ where: { id: proofId } });
    expect(row).toMatchObject({ siteId: site.id, granted: true, bannerVersion: "banner-2026-12" });
    expect(row.createdAt).toBeInstanceOf(Date);
    expect(row.sessionHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(sessionId);
    expect(JSON.stringify(await db().consentRecord.findMany({ where: { siteId: site.id } }))).not.toContain(sessionId.slice(2));
  });

  it("count as evidence only once an upload used them (forged records are not evidence)", async () => {
    const fresh = await createSite({ name: `Stats shop ${suffix}`, origins: [ORIGIN], by });
    for (let i = 0; i < 5; i++) await giveConsent(fresh, ORIGIN);
    const real = await recordVisit(fresh, ORIGIN);
    expect((await postConsent(fresh, ORIGIN, { sessionId: real.sessionId, granted: false })).status).toBe(201);
    expect((await postConsent(fresh, ORIGIN, { sessionId: newSessionId(), granted: false })).status).toBe(201);
    const stats = await consentStats(fresh.id);
    expect(stats.totals).toMatchObject({ given: 1, withdrawn: 1 });
    expect(stats.unverified).toEqual({ given: 5, withdrawn: 1 });
  });

  it("a flood of records for one session, or from one client, is rate limited", async () => {
    const sessionId = newSessionId();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await postConsent(site, ORIGIN, { sessionId, granted: i % 2 === 0 })).status);
    expect(statuses.slice(0, 4).every((s) => s === 201)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    
    const client = { "x-forwarded-for": "192.0.2.77" };
    const fromOne: number[] = [];
    for (let i = 0; i < 70; i++) fromOne.push((await postConsent(site, ORIGIN, { sessionId: newSessionId(), granted: true }, client)).status);
    expect(fromOne).toContain(429);
  });

  it("export as CSV for an audit: one row per record, no raw session id, audited", async () => {
    const fresh = await createSite({ name: `Export shop ${suffix}`, origins: [ORIGIN], by });
    const visit = await recordVisit(fresh, ORIGIN);
    await postConsent(fresh, ORIGIN, { sessionId: null, granted: true, bannerVersion: "=cmd|calc" });
    const consentCsv = await import("@/app/api/v1/admin/sites/[id]/consent.csv/route");
    session.actor = admin;
    const res = await consentCsv.GET(new Request(`${env().APP_URL}/api/v1/admin/sites/${fresh.id}/consent.csv`), { params: Promise.resolve({ id: fresh.id }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const text = await res.text();
    const lines = text.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("proof_id,created_at,choice,banner_version,session_hash,used_by_upload_at,purpose");
    expect(lines).toHaveLength(3);
    expect(text).toContain(visit.proofId);
    expect(text).not.toContain(visit.sessionId);
    // A banner version is the publisher's text: it must not become a spreadsheet formula.
    expect(text).toContain("'=cmd|calc");
    expect(await db().auditEntry.count({ where: { action: "consent.export", siteId: fresh.id } })).toBe(1);

    session.actor = await staff("consent-agent", "agent");
    const refused = await consentCsv.GET(new Request(`${env().APP_URL}/api/v1/admin/sites/${fresh.id}/consent.csv`), { params: Promise.resolve({ id: fresh.id }) });
    expect(refused.status).toBe(403);
  });
});
