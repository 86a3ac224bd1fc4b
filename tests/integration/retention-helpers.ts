// Shared by the retention suites: recordings written directly with Prisma (not through the SDK's
// ingest, which dates everything by the real clock: these suites run the sweeper on a fake one, and
// seed thousands of rows at once), and the sweeper run as its own process exactly as
// `npm run worker -- --once` runs it. Sites come from the shared factory.
import { randomBytes } from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import { db } from "@/lib/db/client";
import { newSite } from "@/tests/support/factories";
import { newRecordingKey } from "@/lib/crypto/recording-keys";
import { deleteDueAt } from "@/lib/retention/policy";
import { recordingHash } from "@/lib/recordings/recording-hash";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

// A site as an admin creates it, with the retention settings given (set directly: a grace longer
// than the retention, which the settings form refuses, is among the cases tested).
export async function makeSite(opts: { retentionHours?: number; closeGraceMinutes?: number } = {}) {
  const site = await newSite("Retention test", ["https://shop.example"]);
  return db().site.update({ where: { id: site.id }, data: { retentionHours: opts.retentionHours ?? 4, closeGraceMinutes: opts.closeGraceMinutes ?? 0 } });
}

// A data key as ingest makes it, for a recording started at `startedAt` on a default site.
export const wrappedKey = (startedAt = new Date()) => newRecordingKey({ maxSessionMinutes: 60, retentionHours: 4 }, startedAt);
const sdkSessionId = () => `s_${randomBytes(16).toString("base64url")}`;

type SessionSpec = {
  lastEventAt: Date;
  endedAt?: Date | null;
  triggeredAt?: Date | null;
  ticketId?: string | null;
  pseudonym?: string | null;
  // A pseudonym the publisher's backend signed (the only kind that links recordings).
  pseudonymVerified?: boolean;
  chunks?: number;
  unscheduled?: boolean;
};

// A recording as ingest leaves it: deleteAfter from policy.ts, a wrapped key, encrypted chunks
// (here random bytes: nothing decrypts them in these suites), a masked and a vault stream.
export async function makeRecording(site: { id: string; retentionHours: number }, spec: SessionSpec) {
  const times = { lastEventAt: spec.lastEventAt, endedAt: spec.endedAt ?? null, triggeredAt: spec.triggeredAt ?? null };
  const chunks = spec.chunks ?? 2;
  return db().recording.create({
    data: {
      siteId: site.id,
      sdkSessionId: sdkSessionId(),
      maskingMode: "M2",
      status: times.triggeredAt ? "triggered" : "untriggered",
      startedAt: at(spec.lastEventAt, -5 * MINUTE),
      ...times,
      ticketId: spec.ticketId ?? null,
      pseudonym: spec.pseudonym ?? null,
      pseudonymVerified: spec.pseudonymVerified ?? false,
      wrappedDataKey: await wrappedKey(at(spec.lastEventAt, -5 * MINUTE)),
      pages: ["https://shop.example/checkout"],
      chunkCount: chunks,
      deleteAfter: spec.unscheduled ? null : deleteDueAt(times, site.retentionHours),
      chunks: {
        create: Array.from({ length: chunks }, (_, i) => ({
          stream: i % 2 === 0 ? "masked" : "vault",
          seq: Math.floor(i / 2),
          eventCount: 1,
          rawBytes: 64,
          firstTs: BigInt(spec.lastEventAt.getTime()),
          lastTs: BigInt(spec.lastEventAt.getTime()),
          payload: new Uint8Array(randomBytes(64)),
        })),
      },
    },
    omit: { wrappedDataKey: false },
  });
}

// Thousands of due recordings, one chunk each, in a few statements.
export async function seedDue(siteId: string, count: number, dueAt: Date): Promise<{ id: string; sdkSessionId: string }[]> {
  const key = await wrappedKey(at(dueAt, -5 * HOUR));
  const rows = Array.from({ length: count }, () => ({ id: `rt${randomBytes(10).toString("hex")}`, sdkSessionId: sdkSessionId() }));
  const SLICE = 250;
  for (let i = 0; i < rows.length; i += SLICE) {
    const slice = rows.slice(i, i + SLICE);
    await db().recording.createMany({
      data: slice.map((r) => ({
        id: r.id, siteId, sdkSessionId: r.sdkSessionId, maskingMode: "M3", status: "triggered",
        startedAt: at(dueAt, -5 * HOUR), lastEventAt: at(dueAt, -4 * HOUR), endedAt: at(dueAt, -4 * HOUR), triggeredAt: at(dueAt, -5 * HOUR),
        deleteAfter: dueAt, wrappedDataKey: key, chunkCount: 1,
      })),
    });
    await db().eventChunk.createMany({
      data: slice.map((r) => ({ recordingId: r.id, seq: 0, eventCount: 1, rawBytes: 32, firstTs: 1n, lastTs: 1n, payload: new Uint8Array(randomBytes(32)) })),
    });
  }
  return rows;
}

export const hashesOf = (siteId: string, rows: { sdkSessionId: string }[]) => new Set(rows.map((r) => recordingHash(siteId, r.sdkSessionId)));

// `npm run worker -- --once` as its own process group (npx -> tsx -> node), so SIGKILL reaches
// the process that actually sweeps.
export function startWorker(args: string[] = ["--once"]): ChildProcess & { output: () => string; exited: Promise<number | null> } {
  const child = spawn("npx", ["tsx", "--conditions=react-server", "scripts/worker.ts", ...args], {
    env: { ...process.env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return Object.assign(child, { output: () => out, exited });
}

export function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, "SIGKILL");
  } catch (err) {
    // Already gone (it exited on its own): nothing to kill.
    if ((err as NodeJS.ErrnoException).code !== "ESRCH") throw err;
  }
}



// Counts in slices: SQLite bounds the number of parameters of one query.
export async function chunksOf(ids: string[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < ids.length; i += 500) n += await db().eventChunk.count({ where: { recordingId: { in: ids.slice(i, i + 500) } } });
  return n;
}
