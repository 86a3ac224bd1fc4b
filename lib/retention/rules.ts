// Pure rules of the sweeper and of ticket closure (no I/O), beside the due-time rules of policy.ts.
import type { DeletionReason } from "@/lib/recordings/delete-recording";

const MINUTE_MS = 60_000;

// The lag target: a due deletion is done within this long while the app runs. A row due
// for longer is "overdue" on the admin's retention page (which should read 0).
export const DELETION_LAG_TARGET_MS = 2 * MINUTE_MS;

// Due at its deletion time exactly, not a millisecond before: the sweeper never deletes early.
export function isDue(deleteAfter: Date | null, now: Date): deleteAfter is Date {
  return deleteAfter !== null && deleteAfter.getTime() <= now.getTime();
}

// Why a due row is deleted, for its receipt: the ticket's closure when that is what made it due
// (closeDeleteAt at or before deleteAfter), otherwise the retention of a triggered recording, or
// the short life of an untriggered one.
export function deletionReason(row: { deleteAfter: Date; closeDeleteAt: Date | null; triggeredAt: Date | null }): Extract<DeletionReason, "ticket-closed" | "retention" | "untriggered"> {
  if (row.closeDeleteAt && row.closeDeleteAt.getTime() <= row.deleteAfter.getTime()) return "ticket-closed";
  return row.triggeredAt ? "retention" : "untriggered";
}

// A site's grace after a ticket closes, never negative and never longer than its retention (so
// closing a ticket can only bring a deletion earlier).
export function closeGraceMs(site: { closeGraceMinutes: number; retentionHours: number }): number {
  const grace = Math.max(0, site.closeGraceMinutes) * MINUTE_MS;
  return Math.min(grace, Math.max(0, site.retentionHours) * 60 * MINUTE_MS);
}

export function closeDeadline(now: Date, site: { closeGraceMinutes: number; retentionHours: number }): Date {
  return new Date(now.getTime() + closeGraceMs(site));
}

// The earlier of two instants, where null means "not set" (a row not yet scheduled).
export function earliest(a: Date | null, b: Date): Date {
  return a && a.getTime() <= b.getTime() ? a : b;
}

// What a customer types to delete their account (the API requires it as {"confirm": ...}).
export const DELETE_CONFIRMATION = "DELETE MY ACCOUNT";

// Retention of what is not a recording (docs/privacy.md, "Retention of everything"): the instant
// before which a record kept `days` days is due.
export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 24 * 60 * MINUTE_MS);
}

// A retired vault key opens the sealed copies of recordings made under it, so it is kept at least
// as long as such a recording can live: the longest session, its inactivity end and the longest
// retention. After that, and once no recording refers to it, it is deleted.
export function retiredVaultKeyCutoff(now: Date, limits: { maxSessionMinutes: number; inactivityMinutes: number; maxRetentionHours: number }): Date {
  return new Date(now.getTime() - (limits.maxSessionMinutes + limits.inactivityMinutes + limits.maxRetentionHours * 60) * MINUTE_MS);
}
