import "server-only";
import { db } from "@/lib/db/client";
import { lockRows } from "@/lib/db/dialect";

const due = (now: Date) => ({ status: "queued" as const, runAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] });

// Takes up to `limit` due jobs for `worker` until leaseUntil, counting the attempt. A job is never
// in two workers' hands: PostgreSQL skips rows another claim holds (FOR UPDATE SKIP LOCKED, via
// lockRows), and each job is then taken by one conditional UPDATE that checks it is still due and
// unleased (on SQLite, the transaction's write lock serialises the claims). A worker killed
// mid-send leaves its lease to pass; the job is then due again, with the same Message-ID.
export async function claimDueJobs(worker: string, opts: { now: Date; limit: number; leaseMs: number }) {
  const candidates = await db().job.findMany({ where: due(opts.now), orderBy: { runAt: "asc" }, take: opts.limit * 2, select: { id: true } });
  if (candidates.length === 0) return [];
  const leaseUntil = new Date(opts.now.getTime() + opts.leaseMs);
  const claimed = await db().$transaction(async (tx) => {
    const locked = await lockRows(tx, "Job", candidates.map((c) => c.id), { skipLocked: true, limit: opts.limit });
    const taken: string[] = [];
    for (const id of locked) {
      const { count } = await tx.job.updateMany({ where: { id, ...due(opts.now) }, data: { leaseUntil, leasedBy: worker, attempts: { increment: 1 } } });
      if (count === 1) taken.push(id);
    }
    return taken;
  });
  if (claimed.length === 0) return [];
  return db().job.findMany({ where: { id: { in: claimed } }, orderBy: { runAt: "asc" } });
}
