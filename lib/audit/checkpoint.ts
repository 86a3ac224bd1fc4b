import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { db, type Tx } from "@/lib/db/client";
import { keyStore, type KeyStore, type StoredCheckpoint } from "@/lib/crypto/key-store";
import { findChainBreak, GENESIS_HASH, type ChainBreak } from "@/lib/audit/chain";

// Checkpoints anchor the audit chain outside the database (security finding L3): a signed
// (seq, hash) written to the AuditCheckpoint table AND appended to the key store's append-only
// log. Verification starts from one (so purging older entries keeps the chain verifiable) and
// requires the newest one to still be in the chain (so cutting its tail is detected).

const keys = new WeakMap<KeyStore, Promise<Buffer>>();

// The chain's HMAC key, read once per process from the key store.
export function auditKey(store: KeyStore = keyStore()): Promise<Buffer> {
  let key = keys.get(store);
  if (!key) {
    key = store.namedKey("audit-hmac");
    keys.set(store, key);
    key.catch(() => keys.delete(store));
  }
  return key;
}

export type Checkpoint = { seq: number; hash: string; keyedFrom: number; at: Date };

export function checkpointMac(key: Buffer, cp: Checkpoint): string {
  return createHmac("sha256", key).update(JSON.stringify(["replaydesk:audit-checkpoint:v1", cp.seq, cp.hash, cp.keyedFrom, cp.at.toISOString()])).digest("hex");
}

function macValid(key: Buffer, cp: Checkpoint & { mac: string }): boolean {
  const expected = Buffer.from(checkpointMac(key, cp), "hex");
  const given = Buffer.from(cp.mac, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// The key store's checkpoints whose signature holds, in seq order (the external anchors).
export async function anchoredCheckpoints(store: KeyStore = keyStore()): Promise<Checkpoint[]> {
  const key = await auditKey(store);
  return (await store.checkpoints())
    .map((c: StoredCheckpoint) => ({ seq: c.seq, hash: c.hash, keyedFrom: c.keyedFrom, at: new Date(c.at), mac: c.mac }))
    .filter((c) => !Number.isNaN(c.at.getTime()) && macValid(key, c))
    .sort((a, b) => a.seq - b.seq);
}

// The database's copies whose signature holds.
export async function databaseCheckpoints(store: KeyStore = keyStore()): Promise<Checkpoint[]> {
  const key = await auditKey(store);
  return (await db().auditCheckpoint.findMany({ orderBy: { seq: "asc" } })).filter((c) => macValid(key, c));
}

async function record(cp: Checkpoint, store: KeyStore): Promise<void> {
  const mac = checkpointMac(await auditKey(store), cp);
  await db().auditCheckpoint.upsert({ where: { seq: cp.seq }, create: { ...cp, mac }, update: { hash: cp.hash, keyedFrom: cp.keyedFrom, at: cp.at, mac } });
  await store.appendCheckpoint({ seq: cp.seq, hash: cp.hash, keyedFrom: cp.keyedFrom, at: cp.at.toISOString(), mac });
}

// The point a new entry chains from: the newest entry, or, when older entries were purged up to
// the newest one, the checkpoint that stands in for it.
export async function chainTip(tx: Tx): Promise<{ seq: number; hash: string }> {
  const last = await tx.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const cp = await tx.auditCheckpoint.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  if (cp && (!last || cp.seq > last.seq)) return cp;
  return last ?? { seq: 0, hash: GENESIS_HASH };
}

// The first checkpoint of an installation (the upgrade step): every entry already in the log,
// written before keyed hashing, is anchored as it stands; entries after it are HMAC-chained.
export async function anchorExistingChain(now: Date, store: KeyStore = keyStore()): Promise<Checkpoint | null> {
  if ((await anchoredCheckpoints(store)).length > 0) return null;
  const tip = await db().$transaction((tx) => chainTip(tx));
  const cp = { seq: tip.seq, hash: tip.hash, keyedFrom: tip.seq + 1, at: now };
  await record(cp, store);
  return cp;
}

// The sweeper's periodic checkpoint: the entries since the previous checkpoint are verified
// first, so a tampered stretch is reported rather than anchored. No new entry: nothing written.
export async function writeAuditCheckpoint(now: Date, store: KeyStore = keyStore()): Promise<{ written: Checkpoint | null; problem: ChainBreak | null }> {
  const anchors = await anchoredCheckpoints(store);
  const previous = anchors.at(-1);
  if (!previous) return { written: null, problem: { seq: 0, reason: "the key store holds no audit checkpoint: run the upgrade step (npm start or npm run db:migrate)" } };
  const key = await auditKey(store);
  const entries = await db().auditEntry.findMany({ where: { seq: { gt: previous.seq } }, orderBy: { seq: "asc" } });
  if (entries.length === 0) return { written: null, problem: null };
  const problem = findChainBreak(entries, previous, { key, keyedFrom: previous.keyedFrom });
  if (problem) return { written: null, problem };
  const tail = entries.at(-1)!;
  const cp = { seq: tail.seq, hash: tail.hash, keyedFrom: previous.keyedFrom, at: now };
  await record(cp, store);
  return { written: cp, problem: null };
}
