// Figure 4: what a recorded minute costs in storage. For sessions uploaded during this run (the
// SDK's own uploads in the recording-cost figure, and the generated recordings of the replay
// figure), compares the stored chunks (sum of EventChunk.payload: gzip + AES-GCM, per 5-second
// chunk) with the raw rrweb JSON of the same events and with gzip -9 of that JSON in one piece.
import { gzipSync } from "node:zlib";
import Database from "better-sqlite3";
import type { ReplayEvent } from "@/lib/replay/protocol";
import { summarize, type Summary } from "../lib/stats";

export type StorageSample = { label: string; seconds: number; rawBytes: number; gzipBytes: number; storedBytes: number; chunks: number };
export type StorageRow = { label: string; sessions: number; rawKiBPerMin: Summary; gzipKiBPerMin: Summary; storedKiBPerMin: Summary; storedOverGzip: Summary };
export type StorageResult = { rows: StorageRow[] };

// The app's SQLite file (the browser figures run against the SQLite app).
export function storedPayload(databaseUrl: string, sdkSessionId: string): { bytes: number; chunks: number } {
  const file = new Database(databaseUrl.replace(/^file:/, ""), { readonly: true });
  try {
    const row = file
      .prepare('SELECT COALESCE(SUM(LENGTH(c."payload")), 0) AS bytes, COUNT(*) AS chunks FROM "EventChunk" c JOIN "RecordedSession" s ON s."id" = c."sessionId" WHERE s."sessionKey" = ?')
      .get(sdkSessionId) as { bytes: number; chunks: number };
    return row;
  } finally {
    file.close();
  }
}

export function storageSample(opts: { label: string; databaseUrl: string; sdkSessionId: string; seconds: number; events: ReplayEvent[] }): StorageSample {
  const raw = Buffer.from(JSON.stringify(opts.events));
  const stored = storedPayload(opts.databaseUrl, opts.sdkSessionId);
  return { label: opts.label, seconds: opts.seconds, rawBytes: raw.length, gzipBytes: gzipSync(raw, { level: 9 }).length, storedBytes: stored.bytes, chunks: stored.chunks };
}

export function summarizeStorage(samples: StorageSample[]): StorageResult {
  const labels = [...new Set(samples.map((s) => s.label))];
  const perMin = (s: StorageSample, bytes: number) => bytes / 1024 / (s.seconds / 60);
  return {
    rows: labels.map((label) => {
      const of = samples.filter((s) => s.label === label);
      return {
        label,
        sessions: of.length,
        rawKiBPerMin: summarize(of.map((s) => perMin(s, s.rawBytes))),
        gzipKiBPerMin: summarize(of.map((s) => perMin(s, s.gzipBytes))),
        storedKiBPerMin: summarize(of.map((s) => perMin(s, s.storedBytes))),
        storedOverGzip: summarize(of.map((s) => s.storedBytes / s.gzipBytes)),
      };
    }),
  };
}
