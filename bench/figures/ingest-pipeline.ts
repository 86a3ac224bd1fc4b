// Figure 3b (in-process, one core): the cost of the full ingest pipeline against a store that
// keeps the same body untouched, on the same database, batch by batch, plus where the time goes.
// Runs in a child process (bench/child.ts) with DATABASE_URL pointing at a fresh database.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { gunzipSync, gzipSync } from "node:zlib";
import { db } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { encryptChunk, newDataKey } from "@/lib/crypto/envelope";
import { readSdkBody } from "@/lib/ingest/decode-body";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { ZIngestBatch } from "@/lib/ingest/schemas";
import { requireSiteForOrigin, type PublicSite } from "@/lib/ingest/site-request";
import { recordConsent } from "@/lib/ingest/record-consent";
import { createMasker } from "@/lib/replay/masking";
import { MAX_BATCH_BYTES_COMPRESSED, MAX_BATCH_BYTES_DECOMPRESSED } from "@/lib/replay/protocol";
import { scrubSecrets } from "@/lib/replay/scrub";
import { generateSession, ingestBody, newSessionId } from "../lib/rrweb-session";
import { summarize, sum, type Summary } from "../lib/stats";

export type PipelineInput = { siteKey: string; rounds: number; sessions: number; minutesPerSession: number };

export type PipelineResult = {
  batches: number;
  jsonBytes: number;
  // Per round: full pipeline time / untouched-store time for the same bodies.
  ratio: Summary;
  fullMsPerBatch: Summary;
  baselineMsPerBatch: Summary;
  // Event JSON per second of one core through the full pipeline (decompressed bytes).
  fullMBps: Summary;
  // Mean µs per batch of each CPU stage, measured apart from the database; the rest is storage.
  stagesUs: Record<string, number>;
  keptEventShare: number;
};

type Body = { sessionId: string; seq: number; body: Buffer; jsonBytes: number };

// Each session's consent is recorded first, as the SDK's consent call does (not timed).
async function makeBodies(site: PublicSite, sessions: number, minutes: number, seed: number, url: string): Promise<Body[]> {
  const bodies: Body[] = [];
  for (let s = 0; s < sessions; s++) {
    const sessionId = newSessionId();
    const { proofId: consent } = await recordConsent(site, { sessionId, granted: true });
    generateSession({ seed: seed + s, minutes, endTs: Date.now(), url }).forEach((events, seq) => {
      bodies.push({ sessionId, seq, ...ingestBody({ siteKey: site.publicKey, sessionId, consent, seq, events, url }) });
    });
  }
  return bodies;
}

// The baseline: what a store that trusts the browser would do with the same request, i.e. the
// same session lookup and the same transaction (session row + chunk row) with the body as payload.
async function storeUntouched(siteId: string, b: Body): Promise<void> {
  const existing = await db().recording.findUnique({ where: { siteId_sdkSessionId: { siteId, sdkSessionId: b.sessionId } }, select: { id: true } });
  const id = existing?.id ?? randomUUID();
  const now = new Date();
  await db().$transaction([
    existing
      ? db().recording.update({ where: { id }, data: { lastEventAt: now, chunkCount: { increment: 1 }, storedBytes: { increment: b.body.length } } })
      : db().recording.create({ data: { id, siteId, sdkSessionId: b.sessionId, maskingMode: "M3", status: "triggered", lastEventAt: now, deleteAfter: new Date(now.getTime() + 4 * 3600_000), chunkCount: 1, storedBytes: b.body.length } }),
    db().eventChunk.createMany({ data: [{ recordingId: id, stream: "masked", seq: b.seq, eventCount: 0, rawBytes: b.body.length, firstTs: 0n, lastTs: 0n, payload: b.body as Uint8Array<ArrayBuffer> }] }),
  ]);
}

// What POST /api/v1/ingest does after routing: read and bound the body, validate it, check the
// site and origin, then ingestBatch (mask again, scrub, compress, encrypt, store).
async function fullPipeline(b: Body, origin: string): Promise<number> {
  const req = new Request(`${origin}/api/v1/ingest`, { method: "POST", body: b.body as Uint8Array<ArrayBuffer>, headers: { "content-type": "text/plain", origin } });
  const batch = ZIngestBatch.parse(await readSdkBody(req, MAX_BATCH_BYTES_COMPRESSED, MAX_BATCH_BYTES_DECOMPRESSED));
  const site = await requireSiteForOrigin(batch.siteKey, origin);
  await ingestBatch(site, batch, { userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0.0.0" });
  return batch.events.length;
}

async function timeEach(bodies: Body[], fn: (b: Body) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (const b of bodies) {
    const t = performance.now();
    await fn(b);
    times.push(performance.now() - t);
  }
  return times;
}

// CPU stages of the pipeline on the same bodies, without the database.
function stageTimes(bodies: Body[]): { stagesUs: Record<string, number>; kept: number; total: number } {
  const totals: Record<string, number> = { "gunzip + JSON.parse": 0, "zod validation": 0, "mask again": 0, scrub: 0, "JSON + gzip": 0, "AES-GCM encrypt": 0 };
  const key = newDataKey();
  const maskers = new Map<string, ReturnType<typeof createMasker>>();
  let kept = 0;
  let total = 0;
  const add = (stage: string, from: number) => (totals[stage]! += performance.now() - from);
  for (const b of bodies) {
    let t = performance.now();
    const parsed: unknown = JSON.parse(gunzipSync(b.body).toString("utf8"));
    add("gunzip + JSON.parse", t);
    t = performance.now();
    const batch = ZIngestBatch.parse(parsed);
    add("zod validation", t);
    t = performance.now();
    // One masker per session carries the state between its chunks, as the stored maskState does.
    const masker = maskers.get(b.sessionId) ?? createMasker({ maskSelectors: [], unmaskSelectors: [], blockSelectors: [] });
    maskers.set(b.sessionId, masker);
    const maskedEvents = batch.events.map((e) => masker.mask(e)).filter((e) => e !== null);
    add("mask again", t);
    t = performance.now();
    const events = maskedEvents.map((e) => scrubSecrets(e).event);
    add("scrub", t);
    t = performance.now();
    const zipped = gzipSync(Buffer.from(JSON.stringify(events)));
    add("JSON + gzip", t);
    t = performance.now();
    encryptChunk(key, zipped, "bench");
    add("AES-GCM encrypt", t);
    kept += events.length;
    total += batch.events.length;
  }
  return { stagesUs: Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, (v * 1000) / bodies.length])), kept, total };
}

export async function measurePipeline(input: PipelineInput): Promise<PipelineResult> {
  const origin = new URL(env().APP_URL).origin;
  const site = await requireSiteForOrigin(input.siteKey, origin);
  const ratios: number[] = [];
  const fullPer: number[] = [];
  const basePer: number[] = [];
  const mbps: number[] = [];
  let stages: ReturnType<typeof stageTimes> | null = null;
  let batches = 0;
  let jsonBytes = 0;
  // A warm-up round (JIT, prepared statements, SQLite page cache) that is not counted.
  for (let round = -1; round < input.rounds; round++) {
    const full = await makeBodies(site, input.sessions, input.minutesPerSession, 1000 + round * 100, `${origin}/demo/shop`);
    const base = await makeBodies(site, input.sessions, input.minutesPerSession, 1000 + round * 100, `${origin}/demo/shop`);
    // Alternate which goes first, so neither always runs on a colder or a fuller database.
    const runBase = () => timeEach(base, (b) => storeUntouched(site.id, b));
    const runFull = () => timeEach(full, (b) => fullPipeline(b, origin));
    let baseTimes: number[];
    let fullTimes: number[];
    if (round % 2 === 0) {
      baseTimes = await runBase();
      fullTimes = await runFull();
    } else {
      fullTimes = await runFull();
      baseTimes = await runBase();
    }
    if (round < 0) continue;
    ratios.push(sum(fullTimes) / sum(baseTimes));
    fullPer.push(...fullTimes);
    basePer.push(...baseTimes);
    const bytes = sum(full.map((b) => b.jsonBytes));
    mbps.push(bytes / 1e6 / (sum(fullTimes) / 1000));
    batches += full.length;
    jsonBytes += bytes;
    stages ??= stageTimes(full);
  }
  return {
    batches,
    jsonBytes,
    ratio: summarize(ratios),
    fullMsPerBatch: summarize(fullPer),
    baselineMsPerBatch: summarize(basePer),
    fullMBps: summarize(mbps),
    stagesUs: stages!.stagesUs,
    keptEventShare: stages!.kept / stages!.total,
  };
}
