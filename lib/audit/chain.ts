import { createHash, createHmac } from "node:crypto";

// The integrity chain of the audit log: each entry's hash covers its own content, its position
// and the previous entry's hash, so an edited, removed or reordered row breaks the chain there.
// The hash is an HMAC whose key lives in the key store, outside the database (security finding
// L3): whoever can write the database cannot recompute it. Entries written before the upgrade to
// keyed hashes (seq < keyedFrom) keep their plain SHA-256; the upgrade's first checkpoint
// (checkpoint.ts) anchors them.
export const GENESIS_HASH = "0".repeat(64);

export type ChainedFields = {
  seq: number;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  siteId: string | null;
  justification: string | null;
  details: string;
  prevHash: string;
};

// key null: the plain SHA-256 of entries from before keyed hashing.
export function entryHash(e: ChainedFields, key: Buffer | null = null): string {
  const canonical = JSON.stringify([
    e.seq, e.at.toISOString(), e.actorId, e.actorLabel, e.action, e.targetType, e.targetId, e.siteId, e.justification, e.details, e.prevHash,
  ]);
  return (key ? createHmac("sha256", key) : createHash("sha256")).update(canonical).digest("hex");
}

// How a chain is checked: the HMAC key, the first keyed seq, and the hashes that checkpoints
// recorded (an entry at a checkpoint's seq must still have that hash).
export type ChainKeying = { key: Buffer | null; keyedFrom: number; anchored?: Map<number, string> };

export type ChainBreak = { seq: number; reason: string };

// Walks entries in seq order; returns the first entry that does not fit, or null when intact.
export function findChainBreak(
  entries: Iterable<ChainedFields & { hash: string }>,
  start?: { seq: number; hash: string },
  keying: ChainKeying = { key: null, keyedFrom: Number.MAX_SAFE_INTEGER },
): ChainBreak | null {
  let expectedPrev = start?.hash ?? GENESIS_HASH;
  let expectedSeq = (start?.seq ?? 0) + 1;
  for (const e of entries) {
    if (e.seq !== expectedSeq) return { seq: e.seq, reason: `expected entry #${expectedSeq} here: an entry was removed or reordered` };
    if (e.prevHash !== expectedPrev) return { seq: e.seq, reason: "its link to the previous entry is broken: an earlier entry was removed, reordered or edited" };
    if (entryHash(e, e.seq >= keying.keyedFrom ? keying.key : null) !== e.hash) return { seq: e.seq, reason: "its content does not match its hash: the entry was edited" };
    const anchored = keying.anchored?.get(e.seq);
    if (anchored !== undefined && anchored !== e.hash) return { seq: e.seq, reason: "its hash differs from the one its checkpoint recorded: the chain was rewritten" };
    expectedPrev = e.hash;
    expectedSeq = e.seq + 1;
  }
  return null;
}
