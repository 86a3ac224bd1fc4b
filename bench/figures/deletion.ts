// Figure 6: retention sweeper throughput. Seeds due recordings (session rows with a wrapped data
// key and encrypted-size chunks), then times one sweepOnce (lib/retention/sweep.ts) deleting them
// all, each in its own transaction with its receipt, as in production. Runs in a child process
// (bench/child.ts) with DATABASE_URL pointing at a fresh database.
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { db } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { newDataKey, parseMasterKey, wrapDataKey } from "@/lib/crypto/envelope";
import { createSite } from "@/lib/sites/create-site";
import { sweepOnce } from "@/lib/retention/sweep";
import { newSessionId } from "../lib/rrweb-session";
import { summarize, type Summary } from "../lib/stats";

export type DeletionInput = { sessions: number; rounds: number; chunksPerSession: number; chunkBytes: number };

export type DeletionResult = {
  sessions: number;
  sessionsPerSecond: Summary;
  // Seconds between a recording's due time and its deletion; all fall due when the sweep starts,
  // so the largest is the time to clear the whole backlog.
  maxLagSeconds: Summary;
  allDeleted: boolean;
};

const SEED_SLICE = 500;

async function seed(siteId: string, input: DeletionInput): Promise<void> {
  const master = parseMasterKey(env().MASTER_KEY);
  const later = new Date(Date.now() + 3600_000);
  for (let from = 0; from < input.sessions; from += SEED_SLICE) {
    const count = Math.min(SEED_SLICE, input.sessions - from);
    const sessions = Array.from({ length: count }, () => ({
      id: `bench${randomBytes(12).toString("hex")}`,
      siteId,
      sdkSessionId: newSessionId(),
      status: "triggered" as const,
      maskingMode: "M3" as const,
      triggeredAt: new Date(),
      deleteAfter: later,
      wrappedDataKey: wrapDataKey(master, newDataKey()),
      chunkCount: input.chunksPerSession,
      storedBytes: input.chunksPerSession * input.chunkBytes,
    }));
    await db().recording.createMany({ data: sessions });
    await db().eventChunk.createMany({
      data: sessions.flatMap((s) =>
        Array.from({ length: input.chunksPerSession }, (_, seq) => ({
          recordingId: s.id,
          seq,
          eventCount: 30,
          rawBytes: input.chunkBytes * 8,
          firstTs: 0n,
          lastTs: 0n,
          // Ciphertext is incompressible: random bytes stand in for it.
          payload: randomBytes(input.chunkBytes) as Uint8Array<ArrayBuffer>,
        })),
      ),
    });
  }
}

export async function measureDeletion(input: DeletionInput): Promise<DeletionResult> {
  const rates: number[] = [];
  const lags: number[] = [];
  let allDeleted = true;
  for (let round = 0; round < input.rounds; round++) {
    // A site per round, so each round's receipts and leftovers are counted apart.
    const site = await createSite({ name: `Bench deletion ${round} ${randomBytes(3).toString("hex")}`, origins: ["http://localhost:3400"], by: { id: null, label: "bench" } });
    await seed(site.id, input);
    const dueAt = new Date();
    await db().recording.updateMany({ where: { siteId: site.id }, data: { deleteAfter: dueAt } });
    const started = performance.now();
    const result = await sweepOnce({ now: new Date(), worker: "bench", notifyAdmins: async () => {} });
    const seconds = (performance.now() - started) / 1000;
    rates.push(result.deleted / seconds);
    const receipts = await db().deletionReceipt.findMany({ where: { siteId: site.id }, select: { dueAt: true, doneAt: true } });
    lags.push(Math.max(...receipts.map((r) => (r.doneAt.getTime() - r.dueAt.getTime()) / 1000)));
    const left = (await db().recording.count({ where: { siteId: site.id } })) + (await db().eventChunk.count({ where: { recording: { siteId: site.id } } }));
    allDeleted &&= result.deleted >= input.sessions && receipts.length === input.sessions && left === 0 && result.failed === 0;
  }
  return { sessions: input.sessions, sessionsPerSecond: summarize(rates), maxLagSeconds: summarize(lags), allDeleted };
}
