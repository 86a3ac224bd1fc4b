// Retention "limited to a few hours after the end of the session", "justified in a documented
// manner", and deletions done on time.
import { measure, plural, type ComplianceFacts, type Measure } from "@/lib/compliance/measure";
import { UNTRIGGERED_RETENTION_MINUTES } from "@/lib/retention/policy";
import { DELETION_LAG_TARGET_MS } from "@/lib/retention/rules";
import { MIN_JUSTIFICATION_LENGTH, RECOMMENDED_MAX_RETENTION_HOURS, RETENTION_REASONS } from "@/lib/sites/schemas";

// A deletion done within the sweeper's lag target (DELETION_LAG_TARGET_MS) counts as on time.
type RetentionSettings = { retentionHours: number; retentionReason: string; retentionJustification: string };

export function retentionReasonLabel(reason: string): string | null {
  return (RETENTION_REASONS as Record<string, string>)[reason] ?? null;
}

export function retentionSettingShortfalls(s: RetentionSettings): string[] {
  if (s.retentionHours <= RECOMMENDED_MAX_RETENTION_HOURS) return [];
  const out = [`Retention of ${s.retentionHours} hours is beyond "a few hours after the end of the session" (this desk's threshold: ${RECOMMENDED_MAX_RETENTION_HOURS} hours); the justification must be documented.`];
  if (!retentionReasonLabel(s.retentionReason) || s.retentionJustification.trim().length < MIN_JUSTIFICATION_LENGTH) {
    out.push(`No structured justification: above ${RECOMMENDED_MAX_RETENTION_HOURS} hours the site needs a reason from the list and at least ${MIN_JUSTIFICATION_LENGTH} characters explaining it.`);
  }
  return out;
}

export function lateDeletions(f: Pick<ComplianceFacts, "deletions">): number {
  return f.deletions.filter((d) => d.doneAt.getTime() - d.dueAt.getTime() > DELETION_LAG_TARGET_MS).length;
}

export function retentionMeasure(f: ComplianceFacts): Measure {
  const { site } = f;
  const late = lateDeletions(f);
  const reason = retentionReasonLabel(site.retentionReason);
  const justification = [reason, site.retentionJustification.trim()].filter(Boolean).join(": ");
  return measure("Retention", "Retention limited to a few hours after the session", {
    how: `Recordings are deleted ${site.retentionHours} hour(s) after the end of the session (recommended: a few hours, here at most ${RECOMMENDED_MAX_RETENTION_HOURS}), and ${site.closeGraceMinutes === 0 ? "at once" : `${site.closeGraceMinutes} minute(s) after`} when the ticket closes; untriggered sessions go ${UNTRIGGERED_RETENTION_MINUTES} minutes after they end.${justification ? ` Justification: ${justification}` : ""}`,
    evidence: [`Last ${f.periodDays} days: ${plural(f.deletions.length - late, "deletion")} on time, ${late} late (more than ${DELETION_LAG_TARGET_MS / 60_000} minutes); ${f.overdueNow} overdue right now.`],
    shortfalls: [
      ...retentionSettingShortfalls(site),
      late > 0 && `${plural(late, "deletion was", "deletions were")} done more than 2 minutes after the due time in the last ${f.periodDays} days.`,
      f.overdueNow > 0 && `${plural(f.overdueNow, "recording is", "recordings are")} past the deletion time right now: the sweeper is not keeping up or not running.`,
    ],
  });
}
