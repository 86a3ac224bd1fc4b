import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { recordingHash } from "@/lib/recordings/recording-hash";
import { suspendOverdueGrants } from "@/lib/users/grants";
import { waitUntil } from "@/tests/support/poll";
import { chunksOf, hashesOf, killGroup, makeSite, MINUTE, seedDue, startWorker } from "./retention-helpers";

const TOTAL = 2000;

// The sweeper process is SIGKILLed in the middle of a sweep of thousands of due recordings, then
// restarted: every due recording is deleted exactly once, with exactly one receipt, and nothing is
// left half-deleted in between (a deletion is one transaction).
describe("the sweeper survives being killed mid-sweep", () => {
  it(`deletes each of ${TOTAL} due recordings exactly once across a SIGKILL and a restart`, { timeout: 60_000 }, async () => {
    // Nothing else for the worker's run to do: no overdue grant to mail about (no mail server here).
    await suspendOverdueGrants(new Date());
    const site = await makeSite();
    const seededAt = Date.now();
    const rows = await seedDue(site.id, TOTAL, new Date(Date.now() - MINUTE));
    const seedMs = Date.now() - seededAt;
    const receipts = () => db().deletionReceipt.count({ where: { siteId: site.id } });

    const first = startWorker();
    const started = Date.now();
    // Killed in the middle: once a third is done (polled every 10 ms, so well before the end).
    const caught = await waitUntil(async () => (await receipts()) >= TOTAL / 3, { what: "a third swept", timeoutMs: 40_000, intervalMs: 10 }).catch(() => false);
    killGroup(first);
    await first.exited;
    const killedAfter = await receipts();
    const firstRunMs = Date.now() - started;
    expect(caught, `the worker did not get a third of the way within 40 s:\n${first.output()}`).toBe(true);
    expect(killedAfter, "killed mid-sweep, not after it").toBeGreaterThan(0);
    expect(killedAfter, "killed mid-sweep, not after it").toBeLessThan(TOTAL);

    // Between the two runs: each recording is either whole (row, key, chunk, no receipt) or
    // wholly gone (no row, no chunk, one receipt).
    const left = await db().recording.findMany({ where: { siteId: site.id }, select: { id: true, sdkSessionId: true, wrappedDataKey: true } });
    expect(left.length + killedAfter).toBe(TOTAL);
    expect(left.every((r) => r.wrappedDataKey !== null)).toBe(true);
    expect(await chunksOf(left.map((r) => r.id))).toBe(left.length);
    expect(await chunksOf(rows.map((r) => r.id))).toBe(left.length);
    const receiptHashes = new Set((await db().deletionReceipt.findMany({ where: { siteId: site.id }, select: { recordingHash: true } })).map((r) => r.recordingHash));
    expect(left.filter((r) => receiptHashes.has(recordingHash(site.id, r.sdkSessionId)))).toEqual([]);

    const restarted = Date.now();
    const second = startWorker();
    const code = await second.exited;
    const secondRunMs = Date.now() - restarted;
    expect(code, second.output()).toBe(0);

    expect(await db().recording.count({ where: { siteId: site.id } })).toBe(0);
    expect(await chunksOf(rows.map((r) => r.id))).toBe(0);
    const written = await db().deletionReceipt.findMany({ where: { siteId: site.id }, select: { recordingHash: true, reason: true } });
    expect(written).toHaveLength(TOTAL);
    expect(new Set(written.map((r) => r.recordingHash))).toEqual(hashesOf(site.id, rows));
    expect(written.every((r) => r.reason === "retention")).toBe(true);
    // Nothing due is left anywhere, and the restarted run reports no error.
    expect(await db().recording.count({ where: { deleteAfter: { lte: new Date(restarted) } } })).toBe(0);
    const lastRun = await db().sweeperRun.findFirstOrThrow({ where: { worker: { startsWith: "worker@" }, startedAt: { gte: new Date(restarted - 1000), lte: new Date() } }, orderBy: { startedAt: "desc" } });
    expect(lastRun.result, lastRun.message ?? "").toBe("ok");
    expect(lastRun.deleted).toBeGreaterThanOrEqual(TOTAL - killedAfter);

    console.log(
      `[sweeper-crash] seeded ${TOTAL} due recordings in ${seedMs} ms; killed after ${killedAfter} deletions (${firstRunMs} ms after start, incl. start-up); ` +
        `restart deleted ${TOTAL - killedAfter} in ${secondRunMs} ms (incl. process start-up)`,
    );
  });
});
