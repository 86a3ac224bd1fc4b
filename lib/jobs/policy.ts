// The outbox's pure rules: when a failed job is tried again, when it is given up, and how a job
// and its recipient are shown. No I/O here, so they are unit-tested without a database or a server.

// A retry never waits longer than this, however many attempts came before.
export const BACKOFF_CAP_MS = 6 * 3600_000;
// How long a claimed job is its worker's alone. Longer than one SMTP send can take (the transport's
// timeouts in lib/mail/send.ts add up to about two minutes), so a live worker never loses a job it
// is sending; a killed worker's job is claimable again once it has passed.
export const LEASE_MS = 5 * 60_000;

// Attempt n (1-based) failed: the next one waits base × 2^(n-1), capped.
export function backoffDelayMs(attempt: number, baseMs: number): number {
  return Math.min(BACKOFF_CAP_MS, baseMs * 2 ** (Math.max(1, attempt) - 1));
}

export type FailureOutcome = { status: "queued"; runAt: Date } | { status: "dead" };

// `attempts` counts the attempt that just failed (it is counted when the job is claimed).
export function afterFailure(job: { attempts: number; maxAttempts: number }, now: Date, baseMs: number): FailureOutcome {
  if (job.attempts >= job.maxAttempts) return { status: "dead" };
  return { status: "queued", runAt: new Date(now.getTime() + backoffDelayMs(job.attempts, baseMs)) };
}

export type JobState = "queued" | "sending" | "done" | "dead";

// "sending" is derived: a queued job whose lease has not passed is in a worker's hands.
export function jobState(job: { status: "queued" | "done" | "dead"; leaseUntil: Date | null }, now: Date): JobState {
  if (job.status === "queued" && job.leaseUntil && job.leaseUntil > now) return "sending";
  return job.status;
}

// c•••@example.com: enough for an admin to tell recipients apart, not to read an address off a screen.
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "•••";
  return `${email[0]}•••${email.slice(at)}`;
}
