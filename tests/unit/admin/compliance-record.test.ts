import { describe, expect, it } from "vitest";
import { dpoDocuments } from "@/lib/compliance/documents";
import type { ComplianceFacts, ViewFact } from "@/lib/compliance/measure";
import { MEASURES } from "@/lib/compliance/measures";
import { approvalMeasure, s2Measure, viewGap } from "@/lib/compliance/measures/access";
import { l1Measure, l2Measure } from "@/lib/compliance/measures/collection";
import { consentMeasure, currentBannerVersion } from "@/lib/compliance/measures/consent";
import { i1Measure, identifierMeasure, siteDomain } from "@/lib/compliance/measures/identifiers";
import { broadUnmaskSelectors, m0Measure, modeMeasure, s1Measure } from "@/lib/compliance/measures/masking";
import { retentionMeasure } from "@/lib/compliance/measures/retention";
import { buildComplianceRecord } from "@/lib/compliance/record";

// Privacy point 2: each measure of the compliance record is a pure function of the site's live
// settings and data; none is "on" by constant. Tested here without a database.

const now = new Date("2026-06-01T12:00:00Z");
const min = 60_000;
const ago = (ms: number) => new Date(now.getTime() - ms);

// A site configured exactly as the support row recommends, with clean evidence.
type Over = { [K in keyof ComplianceFacts]?: ComplianceFacts[K] extends object ? Partial<ComplianceFacts[K]> : ComplianceFacts[K] };
function facts(over: Over = {}): ComplianceFacts {
  const base: ComplianceFacts = {
    now,
    periodDays: 30,
    site: {
      id: "site1", name: "Shop", allowedOrigins: ["https://shop.example.com"], maskingMode: "M3", recordingMode: "buffer", triggers: ["ticket"], bufferMinutes: 5, samplingRate: 1,
      maxSessionMinutes: 60, retentionHours: 4, retentionReason: "", retentionJustification: "", closeGraceMinutes: 0, maskSelectors: [], unmaskSelectors: [], blockSelectors: [],
      pseudonymKeyVersion: 1, pseudonymSecretAt: null,
    },
    vault: { activeSince: null, retired: 0 },
    recordings: { held: 3, verifiedPseudonym: 0, perSessionPseudonym: 1, byTrigger: { ticket: 3 }, untriggered: 0, withVaultCopy: 0, scrubbedValues: 0, scrubbedWithVaultCopy: 0 },
    untriggeredDeleted: 0,
    reveals: [],
    unmasks: [],
    views: [],
    deletions: [],
    overdueNow: 0,
    access: { activeGrants: 3, overdueReviews: 0, suspended: 0, lastReviewAt: new Date("2026-05-20T00:00:00Z") },
    consents: { given: 10, withdrawn: 2, unverified: { given: 1, withdrawn: 0 }, withoutVersion: 0, latestGrant: null },
    deployment: { hostedBy: null, mailHost: "smtp.mail.example", appUrl: "https://desk.example", retentionDays: { tickets: 90, consent: 183, audit: 365, receipts: 30 } },
  };
  const merged = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(over)) {
    const current = (base as Record<string, unknown>)[k];
    merged[k] = v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date) && current && typeof current === "object" && !Array.isArray(current) ? { ...current, ...v } : v;
  }
  return merged as ComplianceFacts;
}

const shortfallText = (m: { shortfalls: string[] }) => m.shortfalls.join(" ");

describe("the compliance record", () => {
  it("lists every measure of the support row, computed, and is compliant only when none falls short", () => {
    const r = buildComplianceRecord(facts());
    expect(r.measures.map((m) => m.code)).toEqual(["Consent", "L2", "L1", "M0", "M3", "S1", "I2/I3", "I1", "S2", "Approval", "Retention"]);
    expect(r.measures.map((m) => m.status)).toEqual(["on", "on", "not required", "on", "on", "on", "on", "not required", "on", "on", "on"]);
    expect(r.shortfalls).toEqual([]);
    expect(r.compliant).toBe(true);
    expect(MEASURES).toHaveLength(r.measures.length);

    const bad = buildComplianceRecord(facts({ site: { unmaskSelectors: ["*"], retentionHours: 6 } }));
    expect(bad.compliant).toBe(false);
    expect(bad.shortfalls.map((s) => s.measure)).toEqual(["M0", "Retention", "Retention"]);
    expect(bad.measures.find((m) => m.code === "M0")!.status).toBe("shortfall");
  });

  it("counts reveal outcomes, a pending request past its token expiry as expired, and lists who validated unmasks", () => {
    const past = ago(min);
    const future = new Date(now.getTime() + min);
    const r = buildComplianceRecord(
      facts({
        reveals: [
          { status: "approved", tokenExpiresAt: past },
          { status: "approved", tokenExpiresAt: future },
          { status: "declined", tokenExpiresAt: future },
          { status: "pending", tokenExpiresAt: past },
          { status: "pending", tokenExpiresAt: future },
          { status: "withdrawn", tokenExpiresAt: future },
        ],
        unmasks: [{ id: "r1", requestedAt: past, status: "approved", validatedBy: "sup@example.test", validatedAt: now }],
      }),
    );
    expect(r.evidence.reveals).toEqual({ pending: 1, approved: 2, declined: 1, expired: 1, withdrawn: 1, revoked: 0 });
    expect(r.evidence.unmasks).toEqual([{ id: "r1", requestedAt: past.toISOString(), status: "approved", validatedBy: "sup@example.test", validatedAt: now.toISOString() }]);
  });
});

describe("L2 and L1", () => {
  it("L2 is on in buffer mode with the ticket trigger, and says the evidence", () => {
    const m = l2Measure(facts({ recordings: { byTrigger: { ticket: 2, error: 1 } }, untriggeredDeleted: 4 }));
    expect(m.status).toBe("on");
    expect(m.how).toMatch(/uploaded only after a trigger; the server refuses any upload before one.*Enabled triggers: ticket\./);
    expect(m.evidence.join(" ")).toMatch(/3 recordings held now \(by trigger: ticket 2, error 1\); 0 not triggered\. 4 untriggered recordings deleted/);
  });

  it("flags streaming mode and the manual trigger in red", () => {
    expect(shortfallText(l2Measure(facts({ site: { recordingMode: "stream" } })))).toMatch(/Streaming mode uploads every/);
    const manual = l2Measure(facts({ site: { triggers: ["ticket", "manual"] } }));
    expect(manual.status).toBe("shortfall");
    expect(shortfallText(manual)).toMatch(/The manual trigger is on/);
  });

  it("L1 is not required, and falls short when sampling would leave help-seekers without a recording", () => {
    expect(l1Measure(facts()).status).toBe("not required");
    expect(l1Measure(facts({ site: { samplingRate: 0.5 } }))).toMatchObject({ status: "shortfall", shortfalls: [expect.stringMatching(/Sampling \(50 %/)] });
  });
});

describe("M0, the masking mode and S1", () => {
  it("M0 follows the unmask selectors actually configured: broad ones fall short", () => {
    expect(m0Measure(facts()).status).toBe("on");
    expect(m0Measure(facts({ site: { unmaskSelectors: [".product-name", "[data-public]", ".card p"] } })).status).toBe("on");
    expect(broadUnmaskSelectors(["*", "body", "main p", "h1, .title", ".product-name", "#price", "[data-public]", "div > p"])).toEqual(["*", "body", "main p", "h1, .title", "div > p"]);
    const m = m0Measure(facts({ site: { unmaskSelectors: ["*", ".product-name"] } }));
    expect(m.status).toBe("shortfall");
    expect(m.shortfalls).toEqual([expect.stringContaining('Unmask selector "*" names no class, id or attribute')]);
    expect(m.evidence).toEqual(["Unmask selectors in force: *, .product-name."]);
  });

  it("M3 is on; M1 needs a vault key; M2 needs a custodian outside the publisher's staff", () => {
    expect(modeMeasure(facts()).status).toBe("on");
    expect(modeMeasure(facts()).how).toMatch(/never collected/);
    expect(shortfallText(modeMeasure(facts({ site: { maskingMode: "M1" } })))).toMatch(/no vault key/);
    const m1 = modeMeasure(facts({ site: { maskingMode: "M1" }, vault: { activeSince: new Date("2026-05-01T00:00:00Z"), retired: 2 }, recordings: { withVaultCopy: 2 } }));
    expect(m1).toMatchObject({ code: "M1", status: "on" });
    expect(m1.how).toMatch(/Vault key active since 2026-05-01 \(2 retired/);
    expect(m1.evidence[0]).toBe("2 recordings held now carry a sealed unmasked copy.");
    const m2 = modeMeasure(facts({ site: { maskingMode: "M2" }, vault: { activeSince: new Date("2026-05-01T00:00:00Z") } }));
    expect(m2.status).toBe("shortfall");
    expect(shortfallText(m2)).toMatch(/No key custodian outside the publisher's staff/);
  });

  it("S1 states its rules and falls short when card numbers reached the server, worse with a sealed copy", () => {
    expect(s1Measure(facts()).status).toBe("on");
    expect(s1Measure(facts()).how).toMatch(/by \d+ built-in rules/);
    const scrubbed = s1Measure(facts({ recordings: { scrubbedValues: 3 } }));
    expect(scrubbed.shortfalls).toEqual([expect.stringMatching(/^3 card numbers or IBANs were typed in fields the recorder does not block/)]);
    const sealed = s1Measure(facts({ recordings: { scrubbedValues: 3, scrubbedWithVaultCopy: 1 } }));
    expect(sealed.shortfalls[1]).toMatch(/^1 of them was in recordings that also carry a sealed unmasked copy/);
  });
});

describe("I2/I3 and I1", () => {
  it("without a signing secret nothing links: on, and says I2 is not used", () => {
    const m = identifierMeasure(facts());
    expect(m.status).toBe("on");
    expect(m.how).toMatch(/No pseudonym signing secret.*I2 is not used/);
    expect(m.evidence[0]).toBe("Recordings held now: 0 with a verified pseudonym, 1 with a per-session one, 2 without a user reference.");
  });

  it("with a secret, verified pseudonyms link within one domain only", () => {
    const signing = { pseudonymSecretAt: new Date("2026-05-02T00:00:00Z"), pseudonymKeyVersion: 3 };
    const one = identifierMeasure(facts({ site: { ...signing, allowedOrigins: ["https://shop.example.com", "https://www.example.com"] } }));
    expect(one.status).toBe("on");
    expect(one.how).toMatch(/signing secret \(generated 2026-05-02\).*key version 3/);
    const two = identifierMeasure(facts({ site: { ...signing, allowedOrigins: ["https://shop.example.com", "https://shop.example.co.uk"] } }));
    expect(two.status).toBe("shortfall");
    expect(shortfallText(two)).toMatch(/across the site's 2 domains \(example.co.uk, example.com\)/);
    expect(siteDomain("http://localhost:3000")).toBe("localhost");
    expect(siteDomain("https://a.b.shop.gouv.fr")).toBe("shop.gouv.fr");
  });

  it("I1 is not required and states the session's limits", () => {
    expect(i1Measure(facts({ site: { maxSessionMinutes: 90 } }))).toMatchObject({ status: "not required", how: expect.stringContaining("after 90 minutes at most") });
  });
});

describe("S2 and the customer's validation", () => {
  it("S2 flags grants past their review date", () => {
    expect(s2Measure(facts()).status).toBe("on");
    const m = s2Measure(facts({ access: { activeGrants: 4, overdueReviews: 2, suspended: 1, lastReviewAt: null } }));
    expect(m).toMatchObject({ status: "shortfall", shortfalls: ["2 active grants are past the review date."] });
    expect(m.evidence[0]).toMatch(/1 suspended; last review never/);
  });

  const approval = { requesterId: "agent", status: "approved", scope: "masked", decidedAt: ago(60 * min), validatedById: null, validatedAt: null };
  const view = (over: Partial<ViewFact> = {}): ViewFact => ({ at: ago(30 * min), viewerId: "agent", scope: "masked", maskingMode: "M1", approval, ...over });

  it("every viewing must be under an approval naming its viewer, decided before it", () => {
    expect(viewGap(view())).toBeNull();
    // Withdrawn or expired afterwards does not undo an approval that held when the viewing happened.
    expect(viewGap(view({ approval: { ...approval, status: "withdrawn" } }))).toBeNull();
    expect(viewGap(view({ approval: null }))).toBe("no approval");
    expect(viewGap(view({ viewerId: "colleague" }))).toBe("approval of someone else");
    expect(viewGap(view({ approval: { ...approval, decidedAt: ago(10 * min) } }))).toBe("not approved at the time");
    expect(viewGap(view({ approval: { ...approval, status: "declined" } }))).toBe("not approved at the time");
    expect(viewGap(view({ scope: "unmasked" }))).toBe("approval of the masked replay only");
    const unmasked = { ...approval, scope: "unmasked" };
    expect(viewGap(view({ scope: "unmasked", approval: unmasked }))).toBe("no internal validation");
    expect(viewGap(view({ scope: "unmasked", approval: { ...unmasked, validatedById: "agent", validatedAt: ago(40 * min) } }))).toBe("no internal validation");
    expect(viewGap(view({ scope: "unmasked", approval: { ...unmasked, validatedById: "supervisor", validatedAt: ago(40 * min) } }))).toBeNull();
    expect(viewGap(view({ scope: "unmasked", maskingMode: "M2", approval: unmasked }))).toBeNull();
  });

  it("Approval is computed from the period's viewings", () => {
    expect(approvalMeasure(facts()).evidence).toEqual(["No staff viewing in the last 30 days."]);
    expect(approvalMeasure(facts({ views: [view(), view()] }))).toMatchObject({ status: "on", evidence: [expect.stringMatching(/2 staff viewings \(2 masked, 0 unmasked\)/)] });
    const m = approvalMeasure(facts({ views: [view(), view({ approval: null, at: ago(5 * 86_400_000) }), view({ approval: null })] }));
    expect(m.status).toBe("shortfall");
    expect(m.shortfalls).toEqual(["2 viewings with no approval (first on 2026-05-27)."]);
  });
});

describe("consent proof", () => {
  it("is on without evidence yet, and states the current banner version", () => {
    const m = consentMeasure(facts());
    expect(m.status).toBe("on");
    expect(m.evidence.join(" ")).toContain(`The banner text of this site's current settings is version ${currentBannerVersion(facts())}`);
    expect(m.evidence[0]).toMatch(/10 given and 2 withdrawn by sessions that uploaded \(evidence\); 1 record that no upload used/);
  });

  it("falls short when the latest consent names no banner text, or an outdated one of ours", () => {
    const current = currentBannerVersion(facts());
    expect(consentMeasure(facts({ consents: { latestGrant: { at: ago(min), bannerVersion: current } } })).status).toBe("on");
    // A publisher's own versioning scheme is not ours to judge.
    expect(consentMeasure(facts({ consents: { latestGrant: { at: ago(min), bannerVersion: "2026-11" } } })).status).toBe("on");
    expect(shortfallText(consentMeasure(facts({ consents: { latestGrant: { at: ago(min), bannerVersion: null } } })))).toMatch(/names no banner version/);
    const retentionChanged = facts({ site: { retentionHours: 3 }, consents: { latestGrant: { at: ago(min), bannerVersion: current } } });
    expect(shortfallText(consentMeasure(retentionChanged))).toMatch(/no longer describes this site's settings/);
  });
});

describe("retention", () => {
  it("is on at 4 hours; above, it is flagged and needs a structured justification", () => {
    expect(retentionMeasure(facts()).status).toBe("on");
    const justified = retentionMeasure(facts({ site: { retentionHours: 24, retentionReason: "late-contact", retentionJustification: "Customers write in the next morning." } }));
    expect(justified.shortfalls).toEqual([expect.stringMatching(/24 hours is beyond "a few hours/)]);
    expect(justified.how).toMatch(/Justification: Customers contact support later than a few hours after the visit \(measured in the ticket history\): Customers write in the next morning\./);
    const bare = retentionMeasure(facts({ site: { retentionHours: 24 } }));
    expect(bare.shortfalls[1]).toMatch(/^No structured justification/);
    expect(retentionMeasure(facts({ site: { retentionHours: 24, retentionReason: "late-contact", retentionJustification: "too short" } })).shortfalls[1]).toMatch(/^No structured justification/);
  });

  it("counts deletions on time within the 2-minute tolerance, and late or overdue ones as shortfalls", () => {
    const due = new Date("2026-05-30T10:00:00Z");
    const at = (ms: number) => ({ dueAt: due, doneAt: new Date(due.getTime() + ms) });
    const onTime = buildComplianceRecord(facts({ deletions: [at(0), at(2 * min), at(-5 * min)] }));
    expect(onTime.evidence.deletions).toMatchObject({ onTime: 3, late: 0, overdueNow: 0 });
    expect(onTime.compliant).toBe(true);
    const late = retentionMeasure(facts({ deletions: [at(2 * min + 1000), at(0)], overdueNow: 3 }));
    expect(late.shortfalls).toEqual([expect.stringMatching(/^1 deletion was done more than 2 minutes after/), expect.stringMatching(/^3 recordings are past the deletion time/)]);
  });
});

describe("the DPO's documents", () => {
  const docs = (f: ComplianceFacts) => dpoDocuments(f, MEASURES.map((m) => m(f)));
  const text = (f: ComplianceFacts, id: string) => JSON.stringify(docs(f).find((d) => d.id === id));

  it("state the roles of this deployment: self-hosted, or a provider as processor", () => {
    expect(text(facts(), "roles")).toContain("Run by the publisher itself (self-hosted): Shop is the controller and operates the tool");
    expect(text(facts({ deployment: { hostedBy: "Acme Hosting SAS" } }), "roles")).toContain("Shop is the controller, Acme Hosting SAS its processor (Art. 28 GDPR)");
    expect(text(facts({ deployment: { hostedBy: "Acme Hosting SAS" } }), "processing-agreement-annex")).toContain("between Shop (controller) and Acme Hosting SAS (processor)");
  });

  it("name the mail server as a sub-processor and say what the operator can decrypt in this mode", () => {
    expect(text(facts(), "roles")).toContain("the SMTP server smtp.mail.example (SMTP_URL)");
    expect(text(facts({ deployment: { mailHost: null } }), "roles")).toContain("no mail server is configured");
    expect(text(facts(), "roles")).not.toContain("sealed unmasked copy)");
    expect(text(facts({ site: { maskingMode: "M1" } }), "roles")).toContain("(the masked stream and the sealed unmasked copy)");
  });

  it("fill the record of processing, the annex and the retention justification from the settings", () => {
    const f = facts({ site: { retentionHours: 12, retentionReason: "staffing-hours", retentionJustification: "Weekend sessions wait for Monday." } });
    expect(text(f, "record-of-processing")).toContain("Recordings: 12 hour(s) after the end of the session");
    expect(text(f, "record-of-processing")).toContain("Closed tickets and their messages: 90 days after closing. Consent records: 183 days.");
    expect(text(f, "processing-agreement-annex")).toContain("L2 — Collection limited to a trigger");
    // The recommendation's "Proof of consent" box: mechanisms, responsibilities, evidence, storage, audits.
    expect(text(f, "processing-agreement-annex")).toMatch(/"Proof of consent".*Mechanism: .*Responsibilities: .*Provision of evidence: .*\/api\/v1\/admin\/sites\/site1\/consent\.csv.*Storage: .*183 days.*Audits: /);
    expect(text(f, "retention-justification")).toContain("Weekend sessions wait for Monday.");
    expect(text(f, "retention-justification")).toContain("12 hours is above the few hours");
    expect(text(facts(), "retention-justification")).toContain("within the recommendation's few hours");
  });

  it("the DPIA raises the residual risk where a measure falls short", () => {
    expect(text(facts(), "dpia")).not.toContain("Residual risk raised");
    expect(text(facts({ site: { unmaskSelectors: ["body"] } }), "dpia")).toContain('Residual risk raised: Unmask selector \\"body\\"');
  });
});
