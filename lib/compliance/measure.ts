// The vocabulary of the compliance record: the facts gathered for one site (lib/compliance/load.ts
// reads them from the live settings and data) and the measure each small pure function in
// lib/compliance/measures/ computes from them. Browser-safe (the settings form shares the
// settings-only checks).
import type { CustodyState } from "@/lib/sites/schemas";

export type MeasureStatus = "on" | "shortfall" | "not required";

// One measure of the recommendation as it stands on this site: how it is implemented (from the
// settings), the evidence (from the data), and each way it falls short (shown in red). A measure
// the support row does not require is "not required" unless it falls short.
export type Measure = { code: string; title: string; status: MeasureStatus; how: string; evidence: string[]; shortfalls: string[] };

export function measure(code: string, title: string, parts: { how: string; evidence?: string[]; shortfalls?: (string | null | false | undefined)[]; required?: boolean }): Measure {
  const shortfalls = (parts.shortfalls ?? []).filter((s): s is string => typeof s === "string" && s.length > 0);
  const status = shortfalls.length > 0 ? "shortfall" : parts.required === false ? "not required" : "on";
  return { code, title, status, how: parts.how, evidence: parts.evidence ?? [], shortfalls };
}

export type DeploymentFacts = {
  // HOSTED_BY: the provider running Replaydesk for the publishers (their processor); null: the
  // publisher runs it itself.
  hostedBy: string | null;
  // The host of SMTP_URL, null when mail is only caught locally (a demo).
  mailHost: string | null;
  appUrl: string;
  retentionDays: { tickets: number; consent: number; audit: number; receipts: number };
};

export type RevealOutcome = "pending" | "approved" | "declined" | "expired" | "withdrawn" | "revoked";

// A staff member's first view of a recording under an approval (the replay.view / unmask.view
// audit entries of the period) and the approval it names, if it still exists.
export type ViewFact = {
  at: Date;
  viewerId: string | null;
  scope: "masked" | "unmasked";
  maskingMode: string | null;
  approval: {
    requesterId: string | null;
    status: string;
    scope: string;
    decidedAt: Date | null;
    validatedById: string | null;
    validatedAt: Date | null;
    // M2: when the site's key custodian accepted the agent's reason (privacy point 6).
    custodyAcceptedAt: Date | null;
  } | null;
};

// The key custodian's answer to an M2 unmasking (null: not asked, or not yet).
export type CustodyAnswer = { answer: "accepted" | "refused"; by: string | null; at: Date } | null;

export type ComplianceFacts = {
  now: Date;
  periodDays: number;
  site: {
    id: string;
    name: string;
    allowedOrigins: string[];
    maskingMode: string;
    recordingMode: string;
    triggers: string[];
    bufferMinutes: number;
    samplingRate: number;
    maxSessionMinutes: number;
    retentionHours: number;
    retentionReason: string;
    retentionJustification: string;
    closeGraceMinutes: number;
    maskSelectors: string[];
    unmaskSelectors: string[];
    blockSelectors: string[];
    // Privacy point 7: path patterns where nothing is recorded, and the path segments shown as written.
    sensitivePages: string[];
    pathSegmentAllowList: string[];
    pseudonymKeyVersion: number;
    pseudonymSecretAt: Date | null;
  };
  vault: { activeSince: Date | null; retired: number };
  // Privacy point 6: who holds the site's M2 key custody (lib/sites/custody.ts custodyOfSite).
  custody: { state: CustodyState; custodian: string | null; since: Date | null };
  // The recordings held right now (they live hours, so "now" is their whole population).
  recordings: {
    held: number;
    verifiedPseudonym: number;
    perSessionPseudonym: number;
    byTrigger: Record<string, number>;
    untriggered: number;
    withVaultCopy: number;
    scrubbedValues: number;
    scrubbedWithVaultCopy: number;
  };
  untriggeredDeleted: number;
  reveals: { status: string; tokenExpiresAt: Date }[];
  unmasks: { id: string; requestedAt: Date; status: string; validatedBy: string | null; validatedAt: Date | null; custody: CustodyAnswer }[];
  views: ViewFact[];
  deletions: { dueAt: Date; doneAt: Date }[];
  overdueNow: number;
  access: { activeGrants: number; overdueReviews: number; suspended: number; lastReviewAt: Date | null };
  consents: {
    given: number;
    withdrawn: number;
    unverified: { given: number; withdrawn: number };
    withoutVersion: number;
    // The newest grant an upload used: the banner text the latest real visitor was shown.
    latestGrant: { at: Date; bannerVersion: string | null } | null;
  };
  deployment: DeploymentFacts;
};

export const day = (d: Date) => d.toISOString().slice(0, 10);
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
