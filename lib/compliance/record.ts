// The compliance record of one site: the purpose, each measure of the recommendation's
// appendix row for "support and assistance" with whether it is on and how (from the live
// settings), live evidence, and every shortfall with its reason. Pure: lib/compliance/load.ts
// gathers the input, the page and the JSON export render the output.
import { settingsShortfalls, type Shortfall } from "@/lib/compliance/shortfalls";
import { GRANT_REVIEW_DAYS } from "@/lib/auth/policy";
import { SESSION_INACTIVITY_MINUTES } from "@/lib/replay/protocol";
import { UNTRIGGERED_RETENTION_MINUTES } from "@/lib/retention/policy";
import { RECOMMENDED_MAX_RETENTION_HOURS } from "@/lib/sites/settings-schema";
import { REVIEW_GRACE_DAYS } from "@/lib/users/review-policy";
import type { CustodyState } from "@/lib/sites/settings-schema";

// A deletion done within this long after its due time counts as on time (the sweeper runs about
// every minute).
export const DELETION_TOLERANCE_MS = 2 * 60_000;
export const EVIDENCE_DAYS = 30;

export type RevealOutcome = "pending" | "approved" | "declined" | "expired" | "withdrawn" | "revoked";

export type ComplianceInput = {
  now: Date;
  site: {
    id: string;
    name: string;
    maskingMode: string;
    recordingMode: string;
    triggers: string[];
    bufferMinutes: number;
    samplingRate: number;
    maxSessionMinutes: number;
    retentionHours: number;
    retentionJustification: string;
    closeGraceMinutes: number;
    maskSelectorCount: number;
    unmaskSelectorCount: number;
    blockSelectorCount: number;
    pseudonymKeyVersion: number;
  };
  vault: { activeSince: Date | null; retired: number };
  // Privacy point 6: who holds the site's M2 key custody (lib/sites/vault-keys.ts custodyOfSite).
  custody: { state: CustodyState; custodian: string | null; since: Date | null };
  reveals: { status: string; tokenExpiresAt: Date }[];
  unmasks: { id: string; requestedAt: Date; status: string; validatedBy: string | null; validatedAt: Date | null; custody: CustodyAnswer }[];
  deletions: { dueAt: Date; doneAt: Date }[];
  overdueNow: number;
  access: { activeGrants: number; overdueReviews: number; suspended: number; lastReviewAt: Date | null };
  consents: { given: number; withdrawn: number };
};

// The key custodian's answer to an M2 unmasking (null: not asked, or not yet).
export type CustodyAnswer = { answer: "accepted" | "refused"; by: string | null; at: Date } | null;

export type Measure = {
  code: string;
  title: string;
  status: "on" | "shortfall" | "not required";
  how: string;
  shortfall?: string;
};

export type ComplianceRecord = {
  generatedAt: string;
  site: { id: string; name: string };
  purpose: { title: string; businessNeed: string; recommendedMeasures: string; retention: string };
  period: { from: string; to: string; days: number };
  measures: Measure[];
  evidence: {
    reveals: Record<RevealOutcome, number>;
    unmasks: { id: string; requestedAt: string; status: string; validatedBy: string | null; validatedAt: string | null; custody: { answer: "accepted" | "refused"; by: string | null; at: string } | null }[];
    deletions: { onTime: number; late: number; overdueNow: number; toleranceMinutes: number };
    accessReview: { lastReviewAt: string | null; activeGrants: number; overdueReviews: number; suspended: number };
    consents: { given: number; withdrawn: number };
  };
  shortfalls: Shortfall[];
  compliant: boolean;
};

const MODE_HOW: Record<string, string> = {
  M3: "M3: masked content is never collected. The recorder sends only the masked replay.",
  M2: "M2: the unmasked copy is sealed on the visitor's device to a vault key that only the site's key custodian can open, with a secret held outside the publisher's staff and never stored by the server (neither the publisher nor whoever runs the server can read it); each unmasking needs the customer's approval and the custodian's acceptance of the agent's reason, and unseals that one recording for that approval.",
  M1: "M1: the unmasked copy is collected (sealed to the vault key); seeing it needs a supervisor's internal validation.",
};

function outcome(r: { status: string; tokenExpiresAt: Date }, now: Date): RevealOutcome {
  if (r.status === "pending" && r.tokenExpiresAt <= now) return "expired";
  const known: RevealOutcome[] = ["pending", "approved", "declined", "expired", "withdrawn", "revoked"];
  return known.includes(r.status as RevealOutcome) ? (r.status as RevealOutcome) : "pending";
}

const day = (d: Date) => d.toISOString().slice(0, 10);

// Who holds the M2 key custody, or why M2 cannot be chosen (privacy point 6).
function custodyNote(mode: string, c: ComplianceInput["custody"]): string {
  const holder = `${c.custodian ?? "a privacy officer"} since ${c.since ? day(c.since) : "?"}`;
  if (c.state === "enrolled") return mode === "M2" ? `Key custodian: ${holder}.` : `M2 is available: ${holder} holds this site's key custody.`;
  if (c.state === "orphaned") return `The key custody is held by ${holder}, who is no longer this site's privacy officer.`;
  return mode === "M2" ? "No key custodian." : "M2 cannot be chosen: no key custodian is enrolled for this site (an admin grants the privacy-officer role to someone outside its staff, who enrols at /custody).";
}

export function buildComplianceRecord(input: ComplianceInput): ComplianceRecord {
  const { site, now } = input;
  const hasVaultKey = input.vault.activeSince !== null;
  const settingsGaps = settingsShortfalls({ ...site, hasVaultKey, custody: input.custody.state });
  const gap = (m: Shortfall["measure"]) => settingsGaps.find((s) => s.measure === m)?.message;
  const shortfalls = [...settingsGaps];

  const late = input.deletions.filter((d) => d.doneAt.getTime() - d.dueAt.getTime() > DELETION_TOLERANCE_MS).length;
  if (late > 0) shortfalls.push({ measure: "retention", message: `${late} deletion${late === 1 ? " was" : "s were"} done more than 2 minutes after the due time in the last ${EVIDENCE_DAYS} days.` });
  if (input.overdueNow > 0) shortfalls.push({ measure: "retention", message: `${input.overdueNow} recording${input.overdueNow === 1 ? " is" : "s are"} past the deletion time right now: the sweeper is not keeping up or not running.` });
  const s2Gap = input.access.overdueReviews > 0 ? `${input.access.overdueReviews} active grant${input.access.overdueReviews === 1 ? " is" : "s are"} past the review date.` : undefined;
  if (s2Gap) shortfalls.push({ measure: "S2", message: s2Gap });

  const measure = (code: string, title: string, how: string, shortfall: string | undefined, notRequired = false): Measure =>
    shortfall ? { code, title, status: "shortfall", how, shortfall } : { code, title, status: notRequired ? "not required" : "on", how };

  const unmaskNote = site.unmaskSelectorCount > 0 ? ` ${site.unmaskSelectorCount} unmask selector(s) let chosen elements through unmasked.` : "";
  const modeHow = `${MODE_HOW[site.maskingMode] ?? site.maskingMode}${site.maskingMode === "M3" ? "" : hasVaultKey ? ` Vault key active since ${day(input.vault.activeSince!)}${input.vault.retired ? ` (${input.vault.retired} retired key(s) kept for older recordings)` : ""}.` : " No vault key."} ${custodyNote(site.maskingMode, input.custody)} In every mode the customer must approve before anything is shown.`;
  const retentionHow = `Recordings are deleted ${site.retentionHours} hour(s) after the end of the session (recommended: a few hours, here at most ${RECOMMENDED_MAX_RETENTION_HOURS}), and ${site.closeGraceMinutes === 0 ? "at once" : `${site.closeGraceMinutes} minute(s) after`} when the ticket closes; untriggered sessions go ${UNTRIGGERED_RETENTION_MINUTES} minutes after they end.${site.retentionJustification ? ` Justification: ${site.retentionJustification}` : ""}`;

  const measures: Measure[] = [
    measure(
      "L2",
      "Collection limited to a trigger",
      site.recordingMode === "buffer"
        ? `Buffer mode: the last ${site.bufferMinutes} minute(s) stay on the visitor's device and are uploaded only after a trigger (${site.triggers.join(", ")}).`
        : `Streaming mode: sessions are uploaded from the start; triggers: ${site.triggers.join(", ")}.`,
      gap("L2"),
    ),
    measure("L1", "Sampling of sessions", site.samplingRate >= 1 ? "No sampling: every consenting session can be recorded, so a customer asking for help has a recording." : `${Math.round(site.samplingRate * 100)} % of sessions are recorded.`, gap("L1"), true),
    measure("M0", "Masking by default", `Every text, input and image is masked in the recorder unless a selector says otherwise; ${site.maskSelectorCount} extra mask selector(s).${unmaskNote}`, undefined),
    measure(site.maskingMode, "Consequence of masking", modeHow, gap("M")),
    measure("I2/I3", "Pseudonymous user identifier, limited to the site", `The publisher's user id is replaced by a keyed hash specific to this site (key version ${site.pseudonymKeyVersion}); agents never see a raw id, and pseudonyms cannot be matched across sites.`, undefined),
    measure("I1", "Random, short-lived session identifiers", `Session ids are 128 random bits, renewed after ${SESSION_INACTIVITY_MINUTES} minutes of inactivity and after ${site.maxSessionMinutes} minutes at most.`, undefined),
    measure("S1", "Passwords and card data never collected", `Password, payment card, CVV, IBAN and one-time-code fields are blocked in the recorder and again at ingest; ${site.blockSelectorCount} extra block selector(s).`, undefined),
    measure(
      "S2",
      "Authorisation policy with periodic review",
      `Roles come from one policy; each grant is reviewed every ${GRANT_REVIEW_DAYS} days and suspended when ${REVIEW_GRACE_DAYS} days overdue. ${input.access.activeGrants} active grant(s), ${input.access.suspended} suspended; last review ${input.access.lastReviewAt ? day(input.access.lastReviewAt) : "never"}.`,
      s2Gap,
    ),
    measure("Approval", "The customer validates before any replay", "An agent sees no replay content until the customer approves by email; access lasts a limited window and the customer can withdraw it.", undefined),
    measure("Retention", "Retention limited to a few hours after the session", retentionHow, shortfalls.filter((s) => s.measure === "retention").map((s) => s.message).join(" ") || undefined),
  ];

  const reveals: Record<RevealOutcome, number> = { pending: 0, approved: 0, declined: 0, expired: 0, withdrawn: 0, revoked: 0 };
  for (const r of input.reveals) reveals[outcome(r, now)]++;

  return {
    generatedAt: now.toISOString(),
    site: { id: site.id, name: site.name },
    purpose: {
      title: "Support and assistance in managing customer requests",
      businessNeed: "Identify the session associated with a specific identifier (provided by the customer or associated with their account) for use in the context of support.",
      recommendedMeasures: "L2 and (M3 or M2 or M1) and (I2 or I3) and S1 and S2; a validation process with the user prior to any unmasking.",
      retention: "Limited to a few hours after the end of the session, justified in a documented manner.",
    },
    period: { from: new Date(now.getTime() - EVIDENCE_DAYS * 86_400_000).toISOString(), to: now.toISOString(), days: EVIDENCE_DAYS },
    measures,
    evidence: {
      reveals,
      unmasks: input.unmasks.map((u) => ({
        id: u.id, requestedAt: u.requestedAt.toISOString(), status: u.status, validatedBy: u.validatedBy, validatedAt: u.validatedAt?.toISOString() ?? null,
        custody: u.custody && { ...u.custody, at: u.custody.at.toISOString() },
      })),
      deletions: { onTime: input.deletions.length - late, late, overdueNow: input.overdueNow, toleranceMinutes: DELETION_TOLERANCE_MS / 60_000 },
      accessReview: { lastReviewAt: input.access.lastReviewAt?.toISOString() ?? null, activeGrants: input.access.activeGrants, overdueReviews: input.access.overdueReviews, suspended: input.access.suspended },
      consents: input.consents,
    },
    shortfalls,
    compliant: shortfalls.length === 0,
  };
}
