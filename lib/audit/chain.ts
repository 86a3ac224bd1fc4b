import { createHash } from "node:crypto";

// The integrity chain of the audit log: each entry's hash covers its own content, its position
// and the previous entry's hash, so an edited, removed or reordered row breaks the chain there.
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

export function entryHash(e: ChainedFields): string {
  const canonical = JSON.stringify([
    e.seq, e.at.toISOString(), e.actorId, e.actorLabel, e.action, e.targetType, e.targetId, e.siteId, e.justification, e.details, e.prevHash,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

export type ChainBreak = { seq: number; reason: string };

// Walks entries in seq order; returns the first entry that does not fit, or null when intact.
export function findChainBreak(entries: Iterable<ChainedFields & { hash: string }>, start?: { seq: number; hash: string }): ChainBreak | null {
  let expectedPrev = start?.hash ?? GENESIS_HASH;
  let expectedSeq = (start?.seq ?? 0) + 1;
  for (const e of entries) {
    if (e.seq !== expectedSeq) return { seq: e.seq, reason: `expected entry #${expectedSeq} here: an entry was removed or reordered` };
    if (e.prevHash !== expectedPrev) return { seq: e.seq, reason: "its link to the previous entry is broken: an earlier entry was removed, reordered or edited" };
    if (entryHash(e) !== e.hash) return { seq: e.seq, reason: "its content does not match its hash: the entry was edited" };
    expectedPrev = e.hash;
    expectedSeq = e.seq + 1;
  }
  return null;
}
