import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { databaseKind } from "@/lib/db/kind";
import { sweepOnce } from "@/lib/retention/sweep";
import { suspendOverdueGrants } from "@/lib/users/grants";
import { chunksOf, hashesOf, makeSite, MINUTE, seedDue, startWorker } from "./retention-helpers";

const onSqlite = databaseKind(env().DATABASE_URL) !== "postgres";

async function expectEachDeletedOnce(site: { id: string }, rows: { id: string; sdkSessionId: string }[]) {
  expect(await db().recording.count({ where: { siteId: site.id } })).toBe(0);
  expect(await chunksOf(rows.map((r) => r.id))).toBe(0);
  const receipts = await db().deletionReceipt.findMany({ where: { siteId: site.id }, select: { recordingHash: true } });
  expect(receipts).toHaveLength(rows.length);
  expect(new Set(receipts.map((r) => r.recordingHash))).toEqual(hashesOf(site.id, rows));
}

// SQLite has one writer at a time and one app process; README documents one sweeper there.
describe.skipIf(onSqlite)("several sweepers on one PostgreSQL database (skipped on SQLite: one sweeper process is enough there)", () => {
  beforeAll(async () => {
    // The workers' runs have no mail to send (no mail server here).
    await suspendOverdueGrants(new Date());
  });

  it("two worker processes sweep the same due set at once: no error, no double receipt", { timeout: 60_000 }, async () => {
    const TOTAL = 1500;
    const site = await makeSite();
    const rows = await seedDue(site.id, TOTAL, new Date(Date.now() - MINUTE));
    const started = new Date();
    // Small batches: a run lasts long enough for both processes to be sweeping at once.
    const workers = [startWorker(["--once", "--batch-size", "5"]), startWorker(["--once", "--batch-size", "5"])];
    const codes = await Promise.all(workers.map((w) => w.exited));
    expect(codes, workers.map((w) => w.output()).join("\n")).toEqual([0, 0]);

    await expectEachDeletedOnce(site, rows);
    const runs = await db().sweeperRun.findMany({ where: { worker: { startsWith: "worker@" }, startedAt: { gte: started, lte: new Date() } } });
    expect(runs).toHaveLength(2);
    expect(runs.map((r) => r.result)).toEqual(["ok", "ok"]);
    // Together they deleted the set (and anything else due that earlier suites left behind).
    expect(runs.reduce((n, r) => n + r.deleted, 0)).toBeGreaterThanOrEqual(TOTAL);
    // How they shared the work (SKIP LOCKED lets each take rows the other does not hold).
    console.log(`[sweeper-concurrency] ${TOTAL} due recordings split ${runs.map((r) => r.deleted).join(" + ")} between two worker processes`);
  });

  it("four sweeps in one process at once, small batches: each recording deleted once", async () => {
    const site = await makeSite();
    const rows = await seedDue(site.id, 400, new Date(Date.now() - MINUTE));
    const now = new Date();
    const results = await Promise.all([1, 2, 3, 4].map((i) => sweepOnce({ now, worker: `parallel-${i}`, batchSize: 7, notifyAdmins: async () => {} })));
    expect(results.map((r) => [r.result, r.failed])).toEqual([["ok", 0], ["ok", 0], ["ok", 0], ["ok", 0]]);
    expect(results.reduce((n, r) => n + r.deleted, 0)).toBeGreaterThanOrEqual(400);
    await expectEachDeletedOnce(site, rows);
  });
});
