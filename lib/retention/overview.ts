import "server-only";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { siteIdWhere } from "@/lib/auth/scope";
import { DELETION_LAG_TARGET_MS, deletionReason } from "@/lib/retention/rules";

const DAY_MS = 24 * 3600_000;
const NEXT_SHOWN = 20;

// What the admin's retention page shows: the next deletions, what is late, the sweeper's last run
// and the last day's deletions by reason (from the receipts).
export async function retentionOverview(actor: Actor, now: Date) {
  // The recordings of the sites the actor may see the schedule of (visibility lives in the query).
  const scope = siteIdWhere(actor, "retention:read");
  const lateBefore = new Date(now.getTime() - DELETION_LAG_TARGET_MS);
  const [next, dueNow, overdue, stored, lastRun, byReason] = await Promise.all([
    db().recording.findMany({
      where: { ...scope, deleteAfter: { gt: now } },
      orderBy: { deleteAfter: "asc" },
      take: NEXT_SHOWN,
      select: { id: true, deleteAfter: true, closeDeleteAt: true, triggeredAt: true, ticketId: true, site: { select: { name: true } } },
    }),
    db().recording.count({ where: { ...scope, deleteAfter: { lte: now, gte: lateBefore } } }),
    db().recording.count({ where: { ...scope, deleteAfter: { lt: lateBefore } } }),
    db().recording.count({ where: scope }),
    db().sweeperRun.findFirst({ orderBy: { startedAt: "desc" } }),
    db().deletionReceipt.groupBy({ by: ["reason"], where: { ...scope, doneAt: { gte: new Date(now.getTime() - DAY_MS) } }, _count: { _all: true } }),
  ]);
  return {
    next: next.map((s) => ({
      id: s.id,
      site: s.site.name,
      ticketId: s.ticketId,
      deleteAfter: s.deleteAfter!.toISOString(),
      reason: deletionReason({ deleteAfter: s.deleteAfter!, closeDeleteAt: s.closeDeleteAt, triggeredAt: s.triggeredAt }),
    })),
    dueNow,
    overdue,
    stored,
    lastRun: lastRun && {
      worker: lastRun.worker,
      startedAt: lastRun.startedAt.toISOString(),
      finishedAt: lastRun.finishedAt?.toISOString() ?? null,
      deleted: lastRun.deleted,
      suspended: lastRun.suspended,
      result: lastRun.result,
      message: lastRun.message,
    },
    deletedLastDay: byReason.map((r) => ({ reason: r.reason, count: r._count._all })).sort((a, b) => b.count - a.count),
  };
}

export type RetentionOverview = Awaited<ReturnType<typeof retentionOverview>>;
