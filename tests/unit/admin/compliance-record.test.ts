import { describe, expect, it } from "vitest";
import { dpoDocuments } from "@/lib/compliance/documents";
import type { ComplianceFacts, ViewFact } from "@/lib/compliance/measure";
import { MEASURES } from "@/lib/compliance/measures";
import { approvalMeasure, s2Measure, viewGap } from "@/lib/compliance/measures/access";
import { l1Measure, l2Measure } from "@/lib/compliance/measures/collection";
import { consentMeasure, currentBannerVersions } from "@/lib/compliance/measures/consent";
import { i1Measure, identifierMeasure, siteDomain } from "@/lib/compliance/measures/identifiers";
import { m0Measure, modeMeasure, s1Measure, s1SealedCopyMeasure } from "@/lib/compliance/measures/masking";
import { pagePathsMeasure, sensitivePagesMeasure } from "@/lib/compliance/measures/pages";
import { retentionMeasure } from "@/lib/compliance/measures/retention";
import { buildComplianceRecord } from "@/lib/compliance/record";
import { unmaskFloorViolation } from "@/lib/replay/masking-floor";

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
      sensitivePages: ["/account/*", "/health/*"], pathSegmentAllowList: ["shop", "checkout"], pseudonymKeyVersion: 1, pseudonymSecretAt: null,
    },
    vault: { activeSince: null, retired: 0 },
    custody: { state: "none", custodian: null, since: null },
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
    expect(r.measures.map((m) => m.code)).toEqual(["Consent", "L2", "L1", "Sensitive pages", "M0", "Page paths", "M3", "S1", "S1 sealed copy", "I2/I3", "I1", "S2", "Approval", "Retention"]);
    expect(r.measures.map((m) => m.status)).toEqual(["on", "on", "not required", "on", "on", "on", "on", "on", "not required", "on", "not required", "on", "on", "on"]);
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
        unmasks: [
          { id: "r1", requestedAt: past, status: "approved", validatedBy: "sup@example.test", validatedAt: now, custody: null },
          { id: "r2", requestedAt: past, status: "approved", validatedBy: null, validatedAt: null, custody: { answer: "accepted", by: "dpo@example.test", at: now } },
        ],
      }),
    );
    expect(r.evidence.reveals).toEqual({ pending: 1, approved: 2, declined: 1, expired: 1, withdrawn: 1, revoked: 0 });
    expect(r.evidence.unmasks).toEqual([
      { id: "r1", requestedAt: past.toISOString(), status: "approved", validatedBy: "sup@example.test", validatedAt: now.toISOString(), custody: null },
      { id: "r2", requestedAt: past.toISOString(), status: "approved", validatedBy: null, validatedAt: null, custody: { answer: "accepted", by: "dpo@example.test", at: now.toISOString() } },
    ]);
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
  it("M0 flags the stored unmask selectors the masking floor refuses, by the floor's own rule", () => {
    expect(m0Measure(facts()).status).toBe("on");
    expect(m0Measure(facts({ site: { unmaskSelectors: [".product-name", "[data-public]", ".price"] } })).status).toBe("on");
    // One rule: every line the floor refuses is flagged with the floor's own reason, no other.
    const stored = ["*", "body", "main p", "h1, .title", ".product-name", "#price", "[data-public]", ".container", "[class]"];
    const m0 = m0Measure(facts({ site: { unmaskSelectors: stored } }));
    expect(m0.shortfalls).toEqual(stored.flatMap((line) => (unmaskFloorViolation(line) ? [expect.stringContaining(unmaskFloorViolation(line)!)] : [])));
    expect(m0.shortfalls).toHaveLength(6);
    // Selectors over 20 % of the sample pages' text fall short too, not only bare tags.
    expect(shortfallText(m0Measure(facts({ site: { unmaskSelectors: [".container"] } })))).toMatch(/^Unmask selector ".container" would unmask \d+ % of the text of Replaydesk's sample pages/);
    const m = m0Measure(facts({ site: { unmaskSelectors: ["*", ".product-name"] } }));
    expect(m.status).toBe("shortfall");
    expect(m.shortfalls).toEqual([expect.stringMatching(/^Unmask selector "\*" names no class, id or attribute.*Stored before the masking floor/)]);
    expect(m.evidence).toEqual(["Unmask selectors in force: *, .product-name."]);
    expect(shortfallText(m0Measure(facts({ site: { unmaskSelectors: ["a:hover"] } })))).toMatch(/is not a selector the masker's parser reads/);
  });

  it("M3 is on; M1 needs a vault key; M2 a vault key its key custodian holds", () => {
    expect(modeMeasure(facts()).status).toBe("on");
    expect(modeMeasure(facts()).how).toMatch(/never collected/);
    expect(modeMeasure(facts({ site: { maskingMode: "M1" } })).how).toMatch(/supervisor's internal validation/);
    expect(shortfallText(modeMeasure(facts({ site: { maskingMode: "M1" } })))).toMatch(/^M1 is selected but the site has no vault key/);
    expect(shortfallText(modeMeasure(facts({ site: { maskingMode: "M2" } })))).toMatch(/^M2 is selected but the site has no vault key.*enrolling at \/custody/);
    const m1 = modeMeasure(facts({ site: { maskingMode: "M1" }, vault: { activeSince: new Date("2026-05-01T00:00:00Z"), retired: 2 }, recordings: { withVaultCopy: 2 } }));
    expect(m1).toMatchObject({ code: "M1", status: "on" });
    expect(m1.how).toMatch(/Vault key active since 2026-05-01 \(2 retired/);
    expect(m1.evidence[0]).toBe("2 recordings held now carry a sealed unmasked copy.");
  });

  it("says who holds the M2 key custody, why M2 cannot be chosen without one, and flags an M2 site whose custodian left (privacy 6)", () => {
    const vault = { activeSince: new Date("2026-05-01T00:00:00Z"), retired: 0 };
    const since = new Date("2026-05-02T00:00:00Z");
    const m2 = modeMeasure(facts({ site: { maskingMode: "M2" }, vault, custody: { state: "enrolled", custodian: "dpo@example.test", since } }));
    expect(m2).toMatchObject({ code: "M2", status: "on", shortfalls: [] });
    expect(m2.how).toMatch(/only the site's key custodian can open.*custodian's acceptance of the agent's reason.*Key custodian: dpo@example.test since 2026-05-02/);
    expect(modeMeasure(facts()).how).toMatch(/M2 cannot be chosen: no key custodian is enrolled for this site/);
    expect(modeMeasure(facts({ custody: { state: "enrolled", custodian: "dpo@example.test", since } })).how).toMatch(/M2 is available: dpo@example.test/);
    const orphaned = modeMeasure(facts({ site: { maskingMode: "M2" }, vault, custody: { state: "orphaned", custodian: "gone@example.test", since } }));
    expect(orphaned.status).toBe("shortfall");
    expect(shortfallText(orphaned)).toMatch(/no longer its privacy officer: no unmasking can be accepted/);
    const uncustodied = modeMeasure(facts({ site: { maskingMode: "M2" }, vault }));
    expect(uncustodied.shortfalls).toEqual([expect.stringMatching(/whoever runs the server could open the unmasked copies/)]);
    // The custodian's answers are counted in the evidence.
    const answered = modeMeasure(facts({
      site: { maskingMode: "M2" }, vault, custody: { state: "enrolled", custodian: "dpo@example.test", since },
      unmasks: [
        { id: "a", requestedAt: ago(min), status: "approved", validatedBy: null, validatedAt: null, custody: { answer: "accepted", by: "dpo@example.test", at: now } },
        { id: "b", requestedAt: ago(min), status: "approved", validatedBy: null, validatedAt: null, custody: { answer: "refused", by: "dpo@example.test", at: now } },
        { id: "c", requestedAt: ago(min), status: "pending", validatedBy: null, validatedAt: null, custody: null },
      ],
    }));
    expect(answered.evidence[1]).toMatch(/3 requests to see unmasked content, 0 validated by a supervisor \(M1\), 1 accepted and 1 refused by the key custodian \(M2\)/);
  });

  it("S1 states its rules and falls short when card numbers reached the server unscrubbed", () => {
    expect(s1Measure(facts()).status).toBe("on");
    expect(s1Measure(facts()).how).toMatch(/by \d+ built-in rules.*scrubbed by value in the browser before anything is kept, and again at ingest/);
    const scrubbed = s1Measure(facts({ recordings: { scrubbedValues: 3 } }));
    expect(scrubbed.shortfalls).toEqual([expect.stringMatching(/^3 card numbers or IBANs reached the server unscrubbed, which the recorder this deployment serves never sends/)]);
  });

  it("S1 on the sealed copy: scrubbed in the browser before sealing on M1/M2, says what its evidence is, falls short when values came unscrubbed beside a sealed copy (privacy 1)", () => {
    const m3 = s1SealedCopyMeasure(facts());
    expect(m3).toMatchObject({ code: "S1 sealed copy", status: "not required", how: expect.stringMatching(/^M3: no unmasked copy is collected/) });
    const m1 = s1SealedCopyMeasure(facts({ site: { maskingMode: "M1" }, recordings: { withVaultCopy: 2, scrubbedValues: 1 } }));
    expect(m1.status).toBe("on");
    expect(m1.how).toMatch(/^M1: .*scrubs Luhn-valid card numbers and IBANs from it by value before sealing/);
    expect(m1.evidence[0]).toMatch(/the recorder this deployment serves .* not a reading of the data/);
    expect(m1.evidence[1]).toBe("2 recordings held now carry a sealed copy; 0 card numbers or IBANs arrived unscrubbed in their masked stream.");
    const sealed = s1SealedCopyMeasure(facts({ site: { maskingMode: "M2" }, recordings: { withVaultCopy: 2, scrubbedValues: 3, scrubbedWithVaultCopy: 1 } }));
    expect(sealed.shortfalls).toEqual([expect.stringMatching(/^1 card number or IBAN arrived unscrubbed in recordings that also carry a sealed copy.*may hold them too/)]);
    // A site switched back to M3 still holding sealed copies is judged on them.
    expect(s1SealedCopyMeasure(facts({ recordings: { withVaultCopy: 1 } })).status).toBe("on");
  });
});

describe("sensitive pages and page paths (privacy 7)", () => {
  it("states the sensitive-page patterns in force; none falls short", () => {
    const m = sensitivePagesMeasure(facts());
    expect(m).toMatchObject({ code: "Sensitive pages", status: "on", evidence: ["Patterns in force: /account/*, /health/*."] });
    const none = sensitivePagesMeasure(facts({ site: { sensitivePages: [] } }));
    expect(none.status).toBe("shortfall");
    expect(none.evidence).toEqual(["No pattern in force: every page of the site can be recorded."]);
    expect(shortfallText(none)).toMatch(/^No sensitive page is listed.*new sites start with \/account\/\* and \/health\/\*/);
  });

  it("states the path segments shown; * (every segment not like an identifier) falls short", () => {
    expect(pagePathsMeasure(facts())).toMatchObject({ code: "Page paths", status: "on", evidence: ["Segments shown as written (unless they look like an identifier): shop, checkout."] });
    expect(pagePathsMeasure(facts({ site: { pathSegmentAllowList: [] } })).evidence).toEqual(["No segment listed: every path segment is shown as :id."]);
    const any = pagePathsMeasure(facts({ site: { pathSegmentAllowList: ["*", "orders"] } }));
    expect(any.status).toBe("shortfall");
    expect(shortfallText(any)).toMatch(/include \*: every segment that does not look like an identifier is shown as written/);
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

  const approval = { requesterId: "agent", status: "approved", scope: "masked", decidedAt: ago(60 * min), validatedById: null, validatedAt: null, custodyAcceptedAt: null };
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
    // M2: the key custodian's acceptance, before the viewing, replaces a supervisor's validation.
    expect(viewGap(view({ scope: "unmasked", maskingMode: "M2", approval: unmasked }))).toBe("no key custodian's acceptance");
    expect(viewGap(view({ scope: "unmasked", maskingMode: "M2", approval: { ...unmasked, custodyAcceptedAt: ago(10 * min) } }))).toBe("no key custodian's acceptance");
    expect(viewGap(view({ scope: "unmasked", maskingMode: "M2", approval: { ...unmasked, custodyAcceptedAt: ago(40 * min) } }))).toBeNull();
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
    const { en, fr } = currentBannerVersions(facts());
    expect(m.evidence.join(" ")).toContain(`The banner text of this site's current settings is version ${en} (English), ${fr} (French)`);
    expect(m.evidence[0]).toMatch(/10 given and 2 withdrawn by sessions that uploaded \(evidence\); 1 record that no upload used/);
  });

  it("falls short when the latest consent names no banner text, or an outdated one of ours", () => {
    const { en: current, fr } = currentBannerVersions(facts());
    expect(consentMeasure(facts({ consents: { latestGrant: { at: ago(min), bannerVersion: current } } })).status).toBe("on");
    expect(consentMeasure(facts({ consents: { latestGrant: { at: ago(min), bannerVersion: fr } } })).status).toBe("on");
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
    // M2 with its key custodian: the operator's keys open no sealed copy the custodian did not unseal.
    const custodied = facts({ site: { maskingMode: "M2" }, custody: { state: "enrolled", custodian: "dpo@example.test", since: new Date("2026-05-02T00:00:00Z") } });
    expect(text(custodied, "roles")).toContain("of the sealed unmasked copy, only what the key custodian unsealed for an approval");
    expect(text(custodied, "roles")).toContain("dpo@example.test (since 2026-05-02): a privacy officer outside Shop's support and administration");
    expect(text(custodied, "record-of-processing")).toContain("opened only after the customer's approval and the custodian's acceptance");
    expect(text(facts(), "roles")).toContain("None: M2 cannot be chosen on this site.");
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
