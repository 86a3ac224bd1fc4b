// Security finding M2: a copy of the database taken while a recording exists (a backup, a stolen
// file) must not decrypt that recording once it is due, even with MASTER_KEY and every key the app
// still holds; and on SQLite the deleted wrapped key must not linger in the file or its WAL.
import { copyFileSync, existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { firstBatch, giveConsent, postBatch } from "@/tests/support/sdk-calls";
import { db } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { databaseKind } from "@/lib/db/kind";
import { createSite } from "@/lib/sites/create-site";
import { openRecordingKey } from "@/lib/crypto/recording-keys";
import { PgKeyStore, setKeyStore } from "@/lib/crypto/key-store";
import { decodeChunk } from "@/lib/recordings/chunk-codec";
import { deleteRecordingForCustomer } from "@/lib/account/customer-rights";
import { sweepOnce } from "@/lib/retention/sweep";
import { HOUR } from "./retention-helpers";

const ORIGIN = "https://shred.example";
// A path segment masking keeps when the site lists it (no digits, under 16 characters).
const CANARY = "shredcanary";
const isSqlite = databaseKind(env().DATABASE_URL) === "sqlite";
const sqliteFile = () => env().DATABASE_URL.replace(/^file:/, "");
const quiet = async () => {};

let site: { id: string; publicKey: string };

// Consent for the session, then its first batch.
async function upload(sessionId: string) {
  const session = await giveConsent(site, ORIGIN, sessionId);
  return postBatch(
    ORIGIN,
    firstBatch(site, ORIGIN, session, {
      page: { url: `${ORIGIN}/checkout` },
      // The page address survives masking: the canary in it proves what a decryption yields.
      events: [{ type: 4, timestamp: Date.now(), data: { href: `${ORIGIN}/${CANARY}`, width: 1200, height: 800 } }],
    }),
  );
}

type Copied = { id: string; wrappedDataKey: string; chunk: { seq: number; payload: Uint8Array } };

// The attacker's copy: the SQLite file and its WAL copied as they are on disk (a file-level
// backup), or on PostgreSQL the rows read out (a dump).
async function copyOfDatabase(recordingId: string): Promise<Copied> {
  if (!isSqlite) {
    const row = await db().recording.findUniqueOrThrow({ where: { id: recordingId }, omit: { wrappedDataKey: false }, include: { chunks: { where: { stream: "masked" } } } });
    return { id: row.id, wrappedDataKey: row.wrappedDataKey!, chunk: { seq: row.chunks[0]!.seq, payload: Buffer.from(row.chunks[0]!.payload) } };
  }
  const dir = path.join(path.dirname(sqliteFile()), `backup-${randomBytes(4).toString("hex")}`);
  const copy = `${dir}.db`;
  copyFileSync(sqliteFile(), copy);
  if (existsSync(`${sqliteFile()}-wal`)) copyFileSync(`${sqliteFile()}-wal`, `${copy}-wal`);
  const file = new Database(copy);
  try {
    const row = file.prepare(`SELECT "id", "wrappedDataKey" FROM "RecordedSession" WHERE "id" = ?`).get(recordingId) as { id: string; wrappedDataKey: string };
    const chunk = file.prepare(`SELECT "seq", "payload" FROM "EventChunk" WHERE "sessionId" = ? AND "stream" = 'masked'`).get(recordingId) as { seq: number; payload: Buffer };
    return { ...row, chunk: { seq: Number(chunk.seq), payload: chunk.payload } };
  } finally {
    file.close();
    for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) rmSync(f, { force: true });
  }
}

// Everything the app still holds: MASTER_KEY, the key store and its key-encryption keys.
async function decryptWithEverything(copy: Copied): Promise<string | null> {
  try {
    const dataKey = await openRecordingKey(copy.wrappedDataKey);
    return decodeChunk(dataKey, { recordingId: copy.id, stream: "masked", seq: copy.chunk.seq }, copy.chunk.payload).toString("utf8");
  } catch {
    return null;
  }
}

// The latest a recording can be due (start + the site's maximum session of 60 min + the 30-min
// inactivity end + 4 h retention), rounded up to the end of its hour: the promised bound.
const latestKeyLife = (rec: { startedAt: Date }) => new Date((Math.floor((rec.startedAt.getTime() + 5.5 * HOUR) / HOUR) + 1) * HOUR);

async function recordOne() {
  const sdkSessionId = `s_${randomBytes(16).toString("base64url")}`;
  expect((await upload(sdkSessionId)).status).toBe(201);
  return db().recording.findFirstOrThrow({ where: { siteId: site.id, sdkSessionId }, omit: { wrappedDataKey: false } });
}

beforeAll(async () => {
  site = await createSite({ name: "Shredding test shop", origins: [ORIGIN], by: { id: null, label: "test" } });
  // The canary travels as a page path segment, which masking keeps only when the site lists it.
  await db().site.update({ where: { id: site.id }, data: { pathSegmentAllowList: CANARY } });
});

describe("crypto-shredding (M2)", () => {
  it("a copy taken before a customer's deletion cannot decrypt the recording once it is due", async () => {
    const customer = await db().user.create({ data: { email: `shred-${randomBytes(4).toString("hex")}@customer.example` } });
    const ticket = await db().ticket.create({ data: { siteId: site.id, customerId: customer.id, subject: "Checkout fails" } });
    const rec = await recordOne();
    await db().recording.update({ where: { id: rec.id }, data: { ticketId: ticket.id } });
    const copy = await copyOfDatabase(rec.id);
    // The copy is a real one: right now it decrypts.
    expect(await decryptWithEverything(copy)).toContain(CANARY);

    await deleteRecordingForCustomer(customer.id, rec.id);
    // Once the hour of its latest possible deadline has passed, the sweeper has destroyed its key.
    await sweepOnce({ now: latestKeyLife(rec), worker: "shred-test", notifyAdmins: quiet });
    expect(await decryptWithEverything(copy)).toBeNull();
  });

  it("a copy taken before a recording became due cannot decrypt it after the sweep", async () => {
    const rec = await recordOne();
    const copy = await copyOfDatabase(rec.id);
    expect(await decryptWithEverything(copy)).toContain(CANARY);
    await sweepOnce({ now: latestKeyLife(rec), worker: "shred-test", notifyAdmins: quiet });
    expect(await db().recording.findUnique({ where: { id: rec.id } })).toBeNull();
    expect(await decryptWithEverything(copy)).toBeNull();
  });

  it.skipIf(!isSqlite)("leaves no wrapped key of a swept recording in the SQLite file or its WAL", async () => {
    const rec = await recordOne();
    const wrapped = Buffer.from(rec.wrappedDataKey!, "utf8");
    const onDisk = () => [sqliteFile(), `${sqliteFile()}-wal`].filter(existsSync).some((f) => readFileSync(f).includes(wrapped));
    expect(onDisk()).toBe(true);
    await sweepOnce({ now: new Date(rec.deleteAfter!.getTime() + 1000), worker: "shred-test", notifyAdmins: quiet });
    expect(await db().recording.findUnique({ where: { id: rec.id } })).toBeNull();
    expect(onDisk()).toBe(false);
  });

  it("answers 503 and writes nothing while the key store is unreachable", async () => {
    const before = { sessions: await db().recording.count(), chunks: await db().eventChunk.count() };
    // A real PostgreSQL key store whose server does not answer (nothing listens on port 1).
    const unreachable = new PgKeyStore("postgresql://postgres@127.0.0.1:1/replaydesk_keys");
    setKeyStore(unreachable);
    try {
      const res = await upload(`s_${randomBytes(16).toString("base64url")}`);
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/key store is unreachable/);
    } finally {
      setKeyStore(null);
      await unreachable.close();
    }
    expect({ sessions: await db().recording.count(), chunks: await db().eventChunk.count() }).toEqual(before);
  });
});
