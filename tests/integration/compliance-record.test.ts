import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { appendAudit } from "@/lib/audit/append";
import { loadComplianceRecord } from "@/lib/compliance/load";
import { db } from "@/lib/db/client";
import { createSite } from "@/lib/sites/create-site";
import { recordVisit } from "@/tests/support/sdk-calls";
import { actorWithGrants } from "@/tests/support/actors";

// Privacy point 2 (the compliance record's half): every measure is computed from the live settings
// and data. The review's cases (audit R26): an unmask selector "*" and a retention above a few
// hours without a justification were reported "compliant".

const ORIGIN = "https://record-shop.example";
const by = { id: null, label: "test" };
const admin: Actor = actorWithGrants([{ role: "admin" }], { userId: `record-admin-${randomBytes(3).toString("hex")}`, email: "record-admin@test.example" });

async function freshSite(data: Record<string, unknown> = {}) {
  const site = await createSite({ name: `Record shop ${randomBytes(3).toString("hex")}`, origins: [ORIGIN], by });
  if (Object.keys(data).length) await db().site.update({ where: { id: site.id }, data });
  return site;
}

const measureOf = (record: Awaited<ReturnType<typeof loadComplianceRecord>>, code: string) => record.measures.find((m) => m.code === code)!;
// S2 depends on every suite's grants in this shared database; the other measures are this site's own.
const ownShortfalls = (record: Awaited<ReturnType<typeof loadComplianceRecord>>) => record.shortfalls.filter((s) => s.measure !== "S2");

let baseline: Awaited<ReturnType<typeof loadComplianceRecord>>;

beforeAll(async () => {
  baseline = await loadComplianceRecord(admin, (await freshSite()).id);
});

describe("the compliance record computes every measure from the live settings and data", () => {
  it("a new site with the recommended settings falls short nowhere", () => {
    expect(ownShortfalls(baseline)).toEqual([]);
    expect(measureOf(baseline, "M0").status).toBe("on");
  });

  it('an unmask selector "*" (saved before the masking floor) turns M0 red and the record not compliant', async () => {
    // Written straight to the row: a settings value stored before the masking floor refused it.
    const site = await freshSite({ unmaskSelectors: "*\n.product-name" });
    const record = await loadComplianceRecord(admin, site.id);
    expect(measureOf(record, "M0").status).toBe("shortfall");
    expect(JSON.stringify(measureOf(record, "M0"))).toContain('Unmask selector \\"*\\" names no class, id or attribute');
    expect(JSON.stringify(measureOf(record, "M0"))).not.toContain('\\".product-name\\" names');
    expect(record.compliant).toBe(false);
  });

  it("a bare tag selector is as broad as *", async () => {
    const site = await freshSite({ unmaskSelectors: "main p" });
    expect(measureOf(await loadComplianceRecord(admin, site.id), "M0").status).toBe("shortfall");
  });

  it("a selector unmasking more than 20 % of the sample pages' text (saved before the floor) is flagged by the floor's own rule", async () => {
    const site = await freshSite({ unmaskSelectors: ".container" });
    const m0 = measureOf(await loadComplianceRecord(admin, site.id), "M0");
    expect(m0.status).toBe("shortfall");
    expect(m0.shortfalls).toEqual([expect.stringMatching(/^Unmask selector ".container" would unmask \d+ % of the text of Replaydesk's sample pages/)]);
  });

  it("sensitive pages and the path segments shown: the patterns in force, and none listed falls short (privacy 7)", async () => {
    const defaults = measureOf(baseline, "Sensitive pages");
    expect(defaults).toMatchObject({ status: "on", evidence: ["Patterns in force: /account/*, /health/*."] });
    expect(measureOf(baseline, "Page paths")).toMatchObject({ status: "on", evidence: ["No segment listed: every path segment is shown as :id."] });
    const site = await freshSite({ sensitivePages: "", pathSegmentAllowList: "*" });
    const record = await loadComplianceRecord(admin, site.id);
    expect(measureOf(record, "Sensitive pages").status).toBe("shortfall");
    expect(measureOf(record, "Page paths").status).toBe("shortfall");
    expect(record.compliant).toBe(false);
  });

  it("a retention above 4 hours without a structured justification is not compliant, and says so", async () => {
    const site = await freshSite({ retentionHours: 8, retentionReason: "", retentionJustification: "" });
    const record = await loadComplianceRecord(admin, site.id);
    expect(measureOf(record, "Retention").status).toBe("shortfall");
    expect(JSON.stringify(measureOf(record, "Retention"))).toContain("No structured justification");
    expect(record.compliant).toBe(false);
  });

  it("the manual trigger is flagged under L2", async () => {
    const site = await freshSite({ triggers: ["ticket", "manual"] });
    const record = await loadComplianceRecord(admin, site.id);
    expect(measureOf(record, "L2").status).toBe("shortfall");
    expect(record.compliant).toBe(false);
  });

  it("a staff viewing with no approval naming the viewer turns Approval red", async () => {
    const site = await freshSite();
    const { sessionId } = await recordVisit(site, ORIGIN);
    const recording = await db().recording.findFirstOrThrow({ where: { sdkSessionId: sessionId } });
    await appendAudit({ actor: { id: "someone", label: "agent@test.example" }, action: "replay.view", target: { type: "recording", id: recording.id }, siteId: site.id, details: { scope: "masked", revealId: "no-such-approval" } });
    const record = await loadComplianceRecord(admin, site.id);
    expect(measureOf(record, "Approval").status).toBe("shortfall");
    expect(record.compliant).toBe(false);
  });

  it("counts the recordings held by pseudonym kind and trigger, and the values scrubbed at ingest (S1)", async () => {
    const site = await freshSite();
    await recordVisit(site, ORIGIN, { user: { id: "customer-42" } });
    const { sessionId } = await recordVisit(site, ORIGIN);
    await db().recording.updateMany({ where: { sdkSessionId: sessionId }, data: { scrubbedCount: 2 } });
    const record = await loadComplianceRecord(admin, site.id);
    expect(record.evidence.recordings).toMatchObject({ held: 2, verifiedPseudonym: 0, perSessionPseudonym: 1, byTrigger: { ticket: 2 }, scrubbedValues: 2 });
    expect(measureOf(record, "S1").status).toBe("shortfall");
    expect(JSON.stringify(measureOf(record, "S1"))).toContain("2 card numbers or IBANs reached the server unscrubbed, which the recorder this deployment serves never sends");
    // M3: no sealed copy, so nothing of S1's sealed-copy measure is at stake.
    expect(measureOf(record, "S1 sealed copy").status).toBe("not required");
  });

  it("consent proof: the latest consent naming an outdated banner text is flagged; the current one is not", async () => {
    const site = await freshSite();
    const current = measureOf(baseline, "Consent").evidence.join(" ");
    expect(current).toMatch(/version rd1-[0-9a-f]{8}-[0-9a-f]{4}/);
    const old = "rd1-00000000-abcd";
    await db().consentRecord.create({ data: { siteId: site.id, granted: true, bannerVersion: old, verifiedAt: new Date() } });
    const stale = await loadComplianceRecord(admin, site.id);
    expect(measureOf(stale, "Consent").status).toBe("shortfall");
    expect(JSON.stringify(measureOf(stale, "Consent"))).toContain("no longer describes this site's settings");
    const version = /is version (rd1-[0-9a-f]{8}-[0-9a-f]{4})/.exec(measureOf(stale, "Consent").evidence.join(" "))![1]!;
    await db().consentRecord.create({ data: { siteId: site.id, granted: true, bannerVersion: version, verifiedAt: new Date(Date.now() + 1000), createdAt: new Date(Date.now() + 1000) } });
    expect(measureOf(await loadComplianceRecord(admin, site.id), "Consent").status).toBe("on");
  });

  it("carries the DPO's documents, filled from the site's settings", async () => {
    const site = await freshSite({ retentionHours: 12, retentionReason: "staffing-hours", retentionJustification: "Weekend sessions are handled on Monday morning." });
    const record = await loadComplianceRecord(admin, site.id);
    expect(record.documents.map((d) => d.id)).toEqual(["roles", "record-of-processing", "dpia", "processing-agreement-annex", "retention-justification"]);
    const justification = JSON.stringify(record.documents.find((d) => d.id === "retention-justification"));
    expect(justification).toContain("Weekend sessions are handled on Monday morning.");
    expect(justification).toContain("Support is not staffed around the clock");
    expect(JSON.stringify(record.documents)).toContain(`${site.name} [legal name, address, representative]`);
  });
});
