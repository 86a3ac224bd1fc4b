import { describe, expect, it } from "vitest";
import { buildComplianceRecord, type ComplianceInput } from "@/lib/compliance/record";

const now = new Date("2026-06-01T12:00:00Z");
const min = 60_000;

// A site configured exactly as the support row recommends, with clean evidence.
function input(over: Partial<ComplianceInput> = {}, site: Partial<ComplianceInput["site"]> = {}): ComplianceInput {
  return {
    now,
    site: {
      id: "site1", name: "Shop", maskingMode: "M3", recordingMode: "buffer", triggers: ["ticket", "manual"], bufferMinutes: 5, samplingRate: 1,
      maxSessionMinutes: 60, retentionHours: 4, retentionJustification: "", closeGraceMinutes: 0, maskSelectorCount: 0, unmaskSelectorCount: 0,
      blockSelectorCount: 0, pseudonymKeyVersion: 1, ...site,
    },
    vault: { activeSince: null, retired: 0 },
    custody: { state: "none", custodian: null, since: null },
    reveals: [],
    unmasks: [],
    deletions: [],
    overdueNow: 0,
    access: { activeGrants: 3, overdueReviews: 0, suspended: 0, lastReviewAt: new Date("2026-05-20T00:00:00Z") },
    consents: { given: 10, withdrawn: 2 },
    ...over,
  };
}

const measure = (r: ReturnType<typeof buildComplianceRecord>, code: string) => r.measures.find((m) => m.code === code)!;

describe("compliance record", () => {
  it("states the support purpose and every measure of the row as on for the recommended settings", () => {
    const r = buildComplianceRecord(input());
    expect(r.purpose.title).toMatch(/support and assistance/i);
    expect(r.measures.map((m) => m.code)).toEqual(["L2", "L1", "M0", "M3", "I2/I3", "I1", "S1", "S2", "Approval", "Retention"]);
    expect(r.shortfalls).toEqual([]);
    expect(r.compliant).toBe(true);
    expect(measure(r, "L2")).toMatchObject({ status: "on" });
    expect(measure(r, "L2").how).toMatch(/uploaded only after a trigger \(ticket, manual\)/);
    expect(measure(r, "L1").status).toBe("not required");
    expect(measure(r, "M3").how).toMatch(/never collected/);
    expect(measure(r, "Retention").how).toMatch(/4 hour\(s\) after the end of the session/);
    expect(r.evidence.consents).toEqual({ given: 10, withdrawn: 2 });
  });

  it("flags streaming mode (L2) in red with its reason", () => {
    const r = buildComplianceRecord(input({}, { recordingMode: "stream" }));
    expect(measure(r, "L2").status).toBe("shortfall");
    expect(measure(r, "L2").shortfall).toMatch(/Streaming mode uploads every/);
    expect(r.compliant).toBe(false);
  });

  it("flags retention beyond a few hours and quotes the justification", () => {
    const r = buildComplianceRecord(input({}, { retentionHours: 24, retentionJustification: "Customers write in the next morning." }));
    expect(measure(r, "Retention").status).toBe("shortfall");
    expect(measure(r, "Retention").shortfall).toMatch(/24 hours is beyond "a few hours/);
    expect(measure(r, "Retention").how).toMatch(/Justification: Customers write in the next morning\./);
    expect(buildComplianceRecord(input({}, { retentionHours: 4 })).compliant).toBe(true);
  });

  it("flags sampling, which the support row does not need", () => {
    const r = buildComplianceRecord(input({}, { samplingRate: 0.5 }));
    expect(measure(r, "L1")).toMatchObject({ status: "shortfall" });
    expect(r.shortfalls.map((s) => s.measure)).toEqual(["L1"]);
  });

  it("M1/M2 need a vault key (M2 one its key custodian holds); with one they are on", () => {
    const custody = { state: "enrolled" as const, custodian: "dpo@example.test", since: new Date("2026-05-01T00:00:00Z") };
    for (const mode of ["M1", "M2"]) {
      const without = buildComplianceRecord(input({}, { maskingMode: mode }));
      expect(measure(without, mode)).toMatchObject({ status: "shortfall" });
      expect(measure(without, mode).shortfall).toMatch(/no vault key/);
      const withKey = buildComplianceRecord(input({ vault: { activeSince: new Date("2026-05-01T00:00:00Z"), retired: 2 }, ...(mode === "M2" ? { custody } : {}) }, { maskingMode: mode }));
      expect(measure(withKey, mode).status).toBe("on");
      expect(measure(withKey, mode).how).toMatch(/Vault key active since 2026-05-01 \(2 retired/);
    }
    expect(measure(buildComplianceRecord(input({}, { maskingMode: "M1" })), "M1").how).toMatch(/supervisor's internal validation/);
  });

  it("says who holds the M2 key custody, why M2 cannot be chosen without one, and flags an M2 site whose custodian left (privacy 6)", () => {
    const vault = { activeSince: new Date("2026-05-01T00:00:00Z"), retired: 0 };
    const since = new Date("2026-05-02T00:00:00Z");
    const m2 = buildComplianceRecord(input({ vault, custody: { state: "enrolled", custodian: "dpo@example.test", since } }, { maskingMode: "M2" }));
    expect(measure(m2, "M2")).toMatchObject({ status: "on" });
    expect(measure(m2, "M2").how).toMatch(/only the site's key custodian can open.*custodian's acceptance of the agent's reason.*Key custodian: dpo@example.test since 2026-05-02/);
    expect(measure(buildComplianceRecord(input()), "M3").how).toMatch(/M2 cannot be chosen: no key custodian is enrolled for this site/);
    expect(measure(buildComplianceRecord(input({ custody: { state: "enrolled", custodian: "dpo@example.test", since } })), "M3").how).toMatch(/M2 is available: dpo@example.test/);
    const orphaned = buildComplianceRecord(input({ vault, custody: { state: "orphaned", custodian: "gone@example.test", since } }, { maskingMode: "M2" }));
    expect(measure(orphaned, "M2").status).toBe("shortfall");
    expect(measure(orphaned, "M2").shortfall).toMatch(/no longer its privacy officer: no unmasking can be accepted/);
    const uncustodied = buildComplianceRecord(input({ vault }, { maskingMode: "M2" }));
    expect(measure(uncustodied, "M2").shortfall).toMatch(/whoever runs the server could open the unmasked copies/);
  });

  it("counts deletions on time within the 2-minute tolerance, and late or overdue ones as shortfalls", () => {
    const due = new Date("2026-05-30T10:00:00Z");
    const at = (ms: number) => ({ dueAt: due, doneAt: new Date(due.getTime() + ms) });
    const onTime = buildComplianceRecord(input({ deletions: [at(0), at(2 * min), at(-5 * min)] }));
    expect(onTime.evidence.deletions).toMatchObject({ onTime: 3, late: 0, overdueNow: 0 });
    expect(onTime.compliant).toBe(true);
    const late = buildComplianceRecord(input({ deletions: [at(2 * min + 1000), at(0)], overdueNow: 3 }));
    expect(late.evidence.deletions).toMatchObject({ onTime: 1, late: 1, overdueNow: 3 });
    expect(measure(late, "Retention").shortfall).toMatch(/1 deletion was done more than 2 minutes after.*3 recordings are past the deletion time/);
  });

  it("flags grants past their review date (S2) and reports the last review", () => {
    const r = buildComplianceRecord(input({ access: { activeGrants: 4, overdueReviews: 2, suspended: 1, lastReviewAt: null } }));
    expect(measure(r, "S2")).toMatchObject({ status: "shortfall", shortfall: "2 active grants are past the review date." });
    expect(measure(r, "S2").how).toMatch(/1 suspended; last review never/);
    expect(r.evidence.accessReview).toEqual({ lastReviewAt: null, activeGrants: 4, overdueReviews: 2, suspended: 1 });
  });

  it("counts reveal outcomes, a pending request past its token expiry as expired, and lists who validated unmasks", () => {
    const past = new Date(now.getTime() - min);
    const future = new Date(now.getTime() + min);
    const r = buildComplianceRecord(
      input({
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
