// The compliance record of one site: the purpose, each measure of the recommendation's appendix
// row for "support and assistance" computed from the live settings and data (lib/compliance/
// measures/, one pure function each: nothing is "on" by constant), the evidence, every shortfall,
// and the DPO's documents. Pure: lib/compliance/load.ts gathers the facts, the page and the JSON
// export render the output. "compliant" is true only when no measure falls short.
import { dpoDocuments, type DpoDocuments } from "@/lib/compliance/documents";
import type { ComplianceFacts, Measure, RevealOutcome } from "@/lib/compliance/measure";
import { MEASURES } from "@/lib/compliance/measures";
import { lateDeletions } from "@/lib/compliance/measures/retention";
import { DELETION_LAG_TARGET_MS } from "@/lib/retention/rules";

export const EVIDENCE_DAYS = 30;

export type ComplianceRecord = {
  generatedAt: string;
  site: { id: string; name: string };
  purpose: { title: string; businessNeed: string; recommendedMeasures: string; retention: string };
  period: { from: string; to: string; days: number };
  measures: Measure[];
  evidence: {
    reveals: Record<RevealOutcome, number>;
    unmasks: { id: string; requestedAt: string; status: string; validatedBy: string | null; validatedAt: string | null; custody: { answer: "accepted" | "refused"; by: string | null; at: string } | null }[];
    // Privacy point 6: who holds the site's M2 key custody.
    custody: { state: ComplianceFacts["custody"]["state"]; custodian: string | null; since: string | null };
    views: { total: number; masked: number; unmasked: number };
    recordings: ComplianceFacts["recordings"] & { untriggeredDeleted: number };
    deletions: { onTime: number; late: number; overdueNow: number; toleranceMinutes: number };
    accessReview: { lastReviewAt: string | null; activeGrants: number; overdueReviews: number; suspended: number };
    consents: { given: number; withdrawn: number; unverified: { given: number; withdrawn: number }; withoutVersion: number; latestGrant: { at: string; bannerVersion: string | null } | null };
  };
  shortfalls: { measure: string; message: string }[];
  compliant: boolean;
  documents: DpoDocuments;
};

const OUTCOMES: RevealOutcome[] = ["pending", "approved", "declined", "expired", "withdrawn", "revoked"];

function outcome(r: { status: string; tokenExpiresAt: Date }, now: Date): RevealOutcome {
  if (r.status === "pending" && r.tokenExpiresAt <= now) return "expired";
  return OUTCOMES.includes(r.status as RevealOutcome) ? (r.status as RevealOutcome) : "pending";
}

export function buildComplianceRecord(f: ComplianceFacts): ComplianceRecord {
  const { now } = f;
  const measures = MEASURES.map((compute) => compute(f));
  const shortfalls = measures.flatMap((m) => m.shortfalls.map((message) => ({ measure: m.code, message })));
  const reveals = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<RevealOutcome, number>;
  for (const r of f.reveals) reveals[outcome(r, now)]++;
  const late = lateDeletions(f);
  const unmaskedViews = f.views.filter((v) => v.scope === "unmasked").length;
  return {
    generatedAt: now.toISOString(),
    site: { id: f.site.id, name: f.site.name },
    purpose: {
      title: "Support and assistance in managing customer requests",
      businessNeed: "Identify the session associated with a specific identifier (provided by the customer or associated with their account) for use in the context of support.",
      recommendedMeasures: "L2 and (M3 or M2 or M1) and (I2 or I3) and S1 and S2; a validation process with the user prior to any unmasking.",
      retention: "Limited to a few hours after the end of the session, justified in a documented manner.",
    },
    period: { from: new Date(now.getTime() - f.periodDays * 86_400_000).toISOString(), to: now.toISOString(), days: f.periodDays },
    measures,
    evidence: {
      reveals,
      unmasks: f.unmasks.map((u) => ({
        id: u.id, requestedAt: u.requestedAt.toISOString(), status: u.status, validatedBy: u.validatedBy, validatedAt: u.validatedAt?.toISOString() ?? null,
        custody: u.custody && { ...u.custody, at: u.custody.at.toISOString() },
      })),
      custody: { state: f.custody.state, custodian: f.custody.custodian, since: f.custody.since?.toISOString() ?? null },
      views: { total: f.views.length, masked: f.views.length - unmaskedViews, unmasked: unmaskedViews },
      recordings: { ...f.recordings, untriggeredDeleted: f.untriggeredDeleted },
      deletions: { onTime: f.deletions.length - late, late, overdueNow: f.overdueNow, toleranceMinutes: DELETION_LAG_TARGET_MS / 60_000 },
      accessReview: { lastReviewAt: f.access.lastReviewAt?.toISOString() ?? null, activeGrants: f.access.activeGrants, overdueReviews: f.access.overdueReviews, suspended: f.access.suspended },
      consents: { ...f.consents, latestGrant: f.consents.latestGrant ? { at: f.consents.latestGrant.at.toISOString(), bannerVersion: f.consents.latestGrant.bannerVersion } : null },
    },
    shortfalls,
    compliant: shortfalls.length === 0,
    documents: dpoDocuments(f, measures),
  };
}
