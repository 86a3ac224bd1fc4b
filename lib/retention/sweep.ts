import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { performance } from "node:perf_hooks";
import { db } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { deleteRecording, deleteRecordingsIn, type DeletionReason, type RecordingToDelete } from "@/lib/recordings/delete-recording";
import { deleteDueAt } from "@/lib/retention/policy";
import { deletionReason, isDue } from "@/lib/retention/rules";
import { lockRecording, lockSomeRecordings } from "@/lib/recordings/lock";
import { REVIEW_GRACE_DAYS } from "@/lib/users/review-policy";
import { suspendOverdueGrants } from "@/lib/users/grants";
import type { OutgoingMail } from "@/lib/mail/send";
import { enqueueMail } from "@/lib/jobs/enqueue";
import { destroyPassedKeys } from "@/lib/crypto/recording-keys";
import { writeAuditCheckpoint } from "@/lib/audit/checkpoint";
import { purgeExpiredRecords, type PurgeCounts } from "@/lib/retention/purge-records";
import { checkpointWal } from "@/lib/db/dialect";
import { accessReviewEmail } from "@/lib/mail/templates/access-review";
import { announceExpiredReveals } from "@/lib/reveal/announce-expiry";

export const SWEEP_BATCH_SIZE = 100;
const CANDIDATES_PER_BATCH = 4;
// A run still "running" this long after it started was cut short (its process died): the next
// run says so, so the admin page does not show it as running forever.
const STALE_RUN_MS = 15 * 60_000;
// One run a minute per sweeper: the page needs the last one, a week of them is plenty of history.
const RUN_HISTORY_MS = 7 * 24 * 3600_000;
// Rows that ingest created but never scheduled (a failed first batch) get a due time here.
const UNSCHEDULED_PER_RUN = 500;
// Each deletion is one short transaction; these only bound waiting for a busy database.
const ITEM_TX = { maxWait: 10_000, timeout: 20_000 };

export type SuspendedGrantRef = { grantId: string; email: string; role: string };
export type NotifyAdmins = (grants: SuspendedGrantRef[], now: Date) => Promise<void>;

export type SweepOptions = {
  now?: Date;
  worker?: string;
  batchSize?: number;
  // Stops between two deletions (SIGTERM of `npm run worker`); the run is recorded as stopped.
  signal?: AbortSignal;
  notifyAdmins?: NotifyAdmins;
};

export type SweepResult = {
  runId: string;
  deleted: number;
  failed: number;
  suspended: number;
  byReason: Partial<Record<DeletionReason, number>>;
  result: "ok" | "error";
  message: string;
};

type Context = { now: Date; batchSize: number; signal?: AbortSignal; at: () => Date };

// "worker@host#1234-a1b2": tells apart the sweepers on the admin page; no personal data.
export function sweeperName(kind: "app" | "worker"): string {
  return `${kind}@${hostname()}#${process.pid}-${randomBytes(2).toString("hex")}`;
}

// Error class and Prisma code only: messages may quote values, and this text is stored and logged.
export function describeFailure(err: unknown): string {
  if (!(err instanceof Error)) return "unknown error";
  const code = (err as { code?: unknown }).code;
  return typeof code === "string" ? `${err.name} ${code}` : err.name;
}

// One recording in its own transaction: lock, re-check that it is due (never early: ingest may
// have moved deleteAfter since the batch was read), delete. Null when it was not ours to delete.
async function deleteIfDue(id: string, ctx: Context): Promise<DeletionReason | null> {
  return db().$transaction(async (tx) => {
    if (!(await lockRecording(tx, id, { skipLocked: true }))) return null;
    const row = await tx.recording.findUnique({ where: { id }, select: { deleteAfter: true, closeDeleteAt: true, triggeredAt: true } });
    if (!row || !isDue(row.deleteAfter, ctx.now)) return null;
    const reason = deletionReason({ ...row, deleteAfter: row.deleteAfter });
    const done = await deleteRecording({ recordingId: id, reason, dueAt: row.deleteAfter, now: ctx.at() }, tx);
    return done ? reason : null;
  }, ITEM_TX);
}

// A batch in one transaction: take up to batchSize of the candidates that no other sweeper holds,
// re-check that each is due, delete them as a set. All or nothing: a crash leaves each recording
// whole, or gone with its receipt.
async function deleteBatchIfDue(candidates: string[], ctx: Context): Promise<RecordingToDelete[]> {
  return db().$transaction(async (tx) => {
    const taken = await lockSomeRecordings(tx, candidates, ctx.batchSize);
    const rows = await tx.recording.findMany({
      where: { id: { in: taken }, deleteAfter: { lte: ctx.now } },
      select: { id: true, siteId: true, sdkSessionId: true, storedBytes: true, deleteAfter: true, closeDeleteAt: true, triggeredAt: true },
    });
    const due = rows.filter((r): r is typeof r & { deleteAfter: Date } => isDue(r.deleteAfter, ctx.now)).map((r) => ({ id: r.id, siteId: r.siteId, sdkSessionId: r.sdkSessionId, storedBytes: r.storedBytes, reason: deletionReason(r), dueAt: r.deleteAfter }));
    await deleteRecordingsIn(tx, due, ctx.at());
    return due;
  }, ITEM_TX);
}

// A closed ticket's recordings that are already due (no grace period) deleted right away, rather
// than at the next sweep. Call it after the closing transaction has committed; whatever it does
// not get to (a sweeper holds it, the process stops) the sweeper still deletes.
export async function deleteDueForTicket(ticketId: string, now = new Date()): Promise<number> {
  const due = await db().recording.findMany({ where: { ticketId, deleteAfter: { lte: now } }, select: { id: true } });
  const started = performance.now();
  const ctx: Context = { now, batchSize: SWEEP_BATCH_SIZE, at: () => new Date(now.getTime() + Math.round(performance.now() - started)) };
  let deleted = 0;
  for (const { id } of due) if (await deleteIfDue(id, ctx)) deleted += 1;
  return deleted;
}

type Tally = { deleted: number; byReason: Partial<Record<DeletionReason, number>>; failures: string[] };

// Bounded batches until nothing is due: catches up after downtime however long the backlog. A
// failed row is reported and left for the next run; it does not stop the others.
async function deleteDue(ctx: Context, tally: Tally): Promise<void> {
  const failed = new Set<string>();
  while (!ctx.signal?.aborted) {
    // More candidates than one batch: a concurrent sweeper holding some leaves others to take.
    const candidates = await db().recording.findMany({
      where: { deleteAfter: { lte: ctx.now }, ...(failed.size > 0 ? { id: { notIn: [...failed] } } : {}) },
      orderBy: { deleteAfter: "asc" },
      take: ctx.batchSize * CANDIDATES_PER_BATCH,
      select: { id: true },
    });
    if (candidates.length === 0) break;
    let progressed = false;
    const count = (reason: DeletionReason) => {
      tally.deleted += 1;
      tally.byReason[reason] = (tally.byReason[reason] ?? 0) + 1;
      progressed = true;
    };
    try {
      for (const r of await deleteBatchIfDue(candidates.map((c) => c.id), ctx)) count(r.reason);
    } catch {
      // Something in the batch fails: one transaction each finds which, and the others still go.
      for (const { id } of candidates.slice(0, ctx.batchSize)) {
        if (ctx.signal?.aborted) break;
        try {
          const reason = await deleteIfDue(id, ctx);
          if (reason) count(reason);
        } catch (err) {
          failed.add(id);
          tally.failures.push(describeFailure(err));
          progressed = true;
        }
      }
    }
    // Every row of the batch was held or already taken by another sweeper: leave them to it.
    if (!progressed) break;
    await checkpointWal("PASSIVE");
  }
}

// After the deletions: the KEKs of passed hours are destroyed (every copy of the recordings
// whose deadline fell in them becomes unreadable), records past their retention are purged, the
// audit chain gets a checkpoint, and SQLite's WAL is emptied of what was deleted.
async function shredAndPurge(ctx: Context, tally: Tally, extra: string[]): Promise<boolean> {
  const keys = await destroyPassedKeys(ctx.now);
  const checkpoint = await writeAuditCheckpoint(ctx.now);
  const purged = await purgeExpiredRecords(ctx.now);
  const total = Object.values(purged).reduce((n, c) => n + c, 0);
  if (tally.deleted + total > 0) await checkpointWal("TRUNCATE");
  if (keys > 0) extra.push(`destroyed ${keys} hourly key(s)`);
  if (total > 0) extra.push(`purged ${(Object.entries(purged) as [keyof PurgeCounts, number][]).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(", ")}`);
  if (checkpoint.problem) extra.push(`audit checkpoint not written: entry #${checkpoint.problem.seq}: ${checkpoint.problem.reason}`);
  return checkpoint.problem === null;
}

// Backstop for rows ingest created but never scheduled (its first batch failed after creating
// the row): they get the due time policy.ts gives them, so nothing is kept for ever. Conditional
// on deleteAfter still being null, so a concurrent ingest update wins.
async function scheduleUnscheduled(): Promise<void> {
  const rows = await db().recording.findMany({
    where: { deleteAfter: null },
    take: UNSCHEDULED_PER_RUN,
    select: { id: true, lastEventAt: true, endedAt: true, triggeredAt: true, closeDeleteAt: true, site: { select: { retentionHours: true } } },
  });
  for (const r of rows) {
    const due = deleteDueAt(r, r.site.retentionHours, r.closeDeleteAt);
    await db().recording.updateMany({ where: { id: r.id, deleteAfter: null }, data: { deleteAfter: due } });
  }
}

async function tidyRuns(now: Date): Promise<void> {
  await db().sweeperRun.updateMany({
    where: { result: "running", startedAt: { lt: new Date(now.getTime() - STALE_RUN_MS) } },
    data: { result: "error", message: "interrupted: the sweeper stopped before finishing this run" },
  });
  await db().sweeperRun.deleteMany({ where: { startedAt: { lt: new Date(now.getTime() - RUN_HISTORY_MS) } } });
}

// S2: every active admin, plus anyone whose own admin grant was just suspended (they must hear
// of it too), gets one summary, queued on the outbox. Returns the queued jobs' ids.
export async function mailAdminsAboutSuspensions(grants: SuspendedGrantRef[], now: Date): Promise<string[]> {
  const admins = await db().user.findMany({
    where: {
      deactivatedAt: null,
      OR: [
        { grants: { some: { role: "admin", revokedAt: null, suspendedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } } },
        { email: { in: grants.filter((g) => g.role === "admin").map((g) => g.email) } },
      ],
    },
    select: { id: true, email: true },
  });
  const grantIds = grants.map((g) => g.grantId);
  return db().$transaction(async (tx) => {
    const jobs = [];
    for (const admin of admins) jobs.push(await enqueueMail(tx, { template: "access-review", params: { userId: admin.id, grantIds }, to: { email: admin.email, userId: admin.id } }, now));
    return jobs.map((j) => j.id);
  });
}

// Rendered when it is sent: the grants still suspended then (an admin may have reviewed some
// meanwhile); none left, or the admin deactivated, and nothing is sent.
export async function renderAccessReview(p: { userId: string; grantIds: string[] }): Promise<Omit<OutgoingMail, "to"> | null> {
  const [admin, grants] = await Promise.all([
    db().user.findFirst({ where: { id: p.userId, deactivatedAt: null }, select: { locale: true } }),
    db().roleGrant.findMany({ where: { id: { in: p.grantIds }, revokedAt: null, suspendedAt: { not: null } }, select: { role: true, user: { select: { email: true } } } }),
  ]);
  if (!admin || grants.length === 0) return null;
  const reviewUrl = new URL("/admin/access-review", env().APP_URL).href;
  return accessReviewEmail({ grants: grants.map((g) => ({ email: g.user.email, role: g.role })), graceDays: REVIEW_GRACE_DAYS, reviewUrl, locale: admin.locale });
}

const defaultNotify: NotifyAdmins = async (grants, now) => {
  await mailAdminsAboutSuspensions(grants, now);
};

function summary(t: Tally, suspended: number, extra: string[]): string {
  const reasons = Object.entries(t.byReason).map(([r, n]) => `${r} ${n}`).join(", ");
  const parts = [`deleted ${t.deleted}${reasons ? ` (${reasons})` : ""}`, `suspended ${suspended}`];
  if (t.failures.length > 0) {
    const kinds = [...new Set(t.failures)].join(", ");
    parts.push(`${t.failures.length} deletion(s) failed (${kinds}); retried next run`);
  }
  return [...parts, ...extra].join("; ");
}

// One pass of the retention sweeper: deletes every recording whose due time has passed (each in
// its own transaction, claimed so that several sweepers never delete one twice), suspends role
// grants whose review is overdue and tells the admins, announces reveal requests that ended by
// time (reveal.expired), and records the run for the admin page.
// `now` is the clock every due time is compared with, so tests pass a fake one.
export async function sweepOnce(opts: SweepOptions = {}): Promise<SweepResult> {
  const now = opts.now ?? new Date();
  const started = performance.now();
  const worker = opts.worker ?? sweeperName("worker");
  const ctx: Context = {
    now,
    batchSize: Math.max(1, opts.batchSize ?? SWEEP_BATCH_SIZE),
    signal: opts.signal,
    at: () => new Date(now.getTime() + Math.round(performance.now() - started)),
  };
  const run = await db().sweeperRun.create({ data: { worker, startedAt: now } });
  // Filled as deletions happen, so a run that fails half-way still reports what it did.
  const tally: Tally = { deleted: 0, byReason: {}, failures: [] };
  let suspended = 0;
  const extra: string[] = [];
  let problem = false;
  try {
    await tidyRuns(now);
    await scheduleUnscheduled();
    // Before the deletions: a deletion revokes its requests, and a revoked request never expired.
    const expiries = await announceExpiredReveals(now);
    if (expiries > 0) extra.push(`announced ${expiries} reveal expiry(ies)`);
    await deleteDue(ctx, tally);
    if (!(await shredAndPurge(ctx, tally, extra))) problem = true;
    const grants = await suspendOverdueGrants(now);
    suspended = grants.length;
    if (grants.length > 0) {
      try {
        await (opts.notifyAdmins ?? defaultNotify)(grants, now);
      } catch (err) {
        problem = true;
        extra.push(`could not queue the email to the admins about the suspensions (${describeFailure(err)})`);
      }
    }
    if (opts.signal?.aborted) extra.push("stopped before the end: the next run continues");
  } catch (err) {
    // The database went away mid-run, say: recorded (when it can be) and retried next run.
    problem = true;
    extra.push(`run failed: ${describeFailure(err)}`);
  }
  const failed = tally.failures.length;
  const result = failed > 0 || problem ? "error" : "ok";
  const message = summary(tally, suspended, extra);
  await db().sweeperRun.update({
    where: { id: run.id },
    data: { finishedAt: ctx.at(), deleted: tally.deleted, suspended, result, message },
  });
  return { runId: run.id, deleted: tally.deleted, failed, suspended, byReason: tally.byReason, result, message };
}
