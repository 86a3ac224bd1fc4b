// Pure retention rules (no I/O): when a recording ends and when it must be gone.
import { SESSION_INACTIVITY_MINUTES } from "@/lib/replay/protocol";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

// The recommendation's "a few hours" for the support purpose: 1 to 72, 4 by default.
export const RETENTION_HOURS_DEFAULT = 4;
export const RETENTION_HOURS_MIN = 1;
export const RETENTION_HOURS_MAX = 72;
// Streaming mode keeps untriggered sessions only this long after they end (L2).
export const UNTRIGGERED_RETENTION_MINUTES = 15;

export type SessionTimes = { lastEventAt: Date; endedAt: Date | null; triggeredAt: Date | null };

// A session ends when the page says it closed, or after the inactivity timeout from its last event.
export function sessionEnd(s: SessionTimes): Date {
  return s.endedAt ?? new Date(s.lastEventAt.getTime() + SESSION_INACTIVITY_MINUTES * MINUTE_MS);
}

// When the recording must be deleted: a few hours after the end once triggered, 15 minutes after
// the end otherwise. Ticket closure may bring it earlier (closeDeleteAt), never later.
export function deleteDueAt(s: SessionTimes, retentionHours: number, closeDeleteAt?: Date | null): Date {
  const end = sessionEnd(s).getTime();
  const due = s.triggeredAt ? end + retentionHours * HOUR_MS : end + UNTRIGGERED_RETENTION_MINUTES * MINUTE_MS;
  return new Date(closeDeleteAt ? Math.min(due, closeDeleteAt.getTime()) : due);
}
