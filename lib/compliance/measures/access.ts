// S2 (authorisation with periodic review) and the support row's "validation with the user prior to
// any unmasking", checked against every staff viewing of the period.
import { GRANT_REVIEW_DAYS } from "@/lib/auth/policy";
import { day, measure, plural, type ComplianceFacts, type Measure, type ViewFact } from "@/lib/compliance/measure";
import { REVIEW_GRACE_DAYS } from "@/lib/users/review-policy";

export function s2Measure(f: ComplianceFacts): Measure {
  const a = f.access;
  return measure("S2", "Authorisation policy with periodic review", {
    how: `Roles come from one policy and are granted per site; each grant is reviewed every ${GRANT_REVIEW_DAYS} days and suspended when ${REVIEW_GRACE_DAYS} days overdue.`,
    evidence: [`${plural(a.activeGrants, "active grant")} reach this site, ${a.suspended} suspended; last review ${a.lastReviewAt ? day(a.lastReviewAt) : "never"}.`],
    shortfalls: [a.overdueReviews > 0 && `${plural(a.overdueReviews, "active grant is", "active grants are")} past the review date.`],
  });
}

type ViewGap = "no approval" | "approval of someone else" | "not approved at the time" | "approval of the masked replay only" | "no internal validation" | "no key custodian's acceptance";

// Why a staff viewing was not covered by what the customer (and on M1 a supervisor, on M2 the key
// custodian) approved, or null.
export function viewGap(v: ViewFact): ViewGap | null {
  const a = v.approval;
  if (!a) return "no approval";
  if (a.requesterId === null || a.requesterId !== v.viewerId) return "approval of someone else";
  if (!a.decidedAt || a.decidedAt > v.at || a.status === "declined" || a.status === "pending") return "not approved at the time";
  if (v.scope === "unmasked") {
    if (a.scope !== "unmasked") return "approval of the masked replay only";
    if (v.maskingMode === "M1" && (!a.validatedAt || a.validatedAt > v.at || a.validatedById === v.viewerId)) return "no internal validation";
    if (v.maskingMode === "M2" && (!a.custodyAcceptedAt || a.custodyAcceptedAt > v.at)) return "no key custodian's acceptance";
  }
  return null;
}

export function approvalMeasure(f: ComplianceFacts): Measure {
  const gaps = new Map<ViewGap, Date[]>();
  for (const v of f.views) {
    const gap = viewGap(v);
    if (gap) gaps.set(gap, [...(gaps.get(gap) ?? []), v.at]);
  }
  const masked = f.views.filter((v) => v.scope === "masked").length;
  return measure("Approval", "The customer validates before any replay", {
    how: "An agent sees no replay content until the customer approves, by email, a request naming that agent; the approval covers what was stored up to it, lasts at most a day and can be withdrawn. On M1 sites unmasked viewing also needs a supervisor's validation, on M2 sites the key custodian's acceptance (neither ever watches).",
    evidence: [
      f.views.length === 0
        ? `No staff viewing in the last ${f.periodDays} days.`
        : `Last ${f.periodDays} days: ${plural(f.views.length, "staff viewing")} (${masked} masked, ${f.views.length - masked} unmasked), each checked against the approval it was made under.`,
    ],
    shortfalls: [...gaps].map(([gap, dates]) => `${plural(dates.length, "viewing")} with ${gap} (first on ${day(dates.reduce((a, b) => (a < b ? a : b)))}).`),
  });
}
