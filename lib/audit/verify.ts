import "server-only";
import { db } from "@/lib/db/client";
import { findChainBreak, type ChainBreak } from "@/lib/audit/chain";
import { anchoredCheckpoints, auditKey, databaseCheckpoints, type Checkpoint } from "@/lib/audit/checkpoint";

const PAGE = 1000;

// Verifies the log from its oldest remaining entry: that entry must follow the genesis or a
// signed checkpoint (older entries were purged at a checkpoint, never elsewhere); every entry must
// chain to the previous one with a valid HMAC (plain SHA-256 before `keyedFrom`) and match the
// hash any checkpoint recorded for it; and the newest checkpoint in the key store must still be in
// the log (a cut tail). The key store's checkpoints are the authority; the database's copies only
// serve as starting points, and count only when their signature holds.
export async function verifyAuditChain(): Promise<{ checked: number; firstBreak: ChainBreak | null; checkpoint: Checkpoint | null }> {
  const external = await anchoredCheckpoints();
  const latest = external.at(-1) ?? null;
  const key = await auditKey();
  const anchored = new Map<number, string>(external.map((c) => [c.seq, c.hash]));
  const starts = new Map<number, string>([...(await databaseCheckpoints()).map((c) => [c.seq, c.hash] as const), ...anchored]);
  const keying = { key, keyedFrom: latest?.keyedFrom ?? 1, anchored };
  const result = (checked: number, firstBreak: ChainBreak | null) => ({ checked, firstBreak, checkpoint: latest });

  const first = await db().auditEntry.findFirst({ orderBy: { seq: "asc" }, select: { seq: true } });
  let last: { seq: number; hash: string } | undefined;
  if (first && first.seq > 1) {
    const hash = starts.get(first.seq - 1);
    if (hash === undefined) return result(0, { seq: first.seq, reason: `entries before #${first.seq} are missing and no signed checkpoint stands for them: they were removed` });
    last = { seq: first.seq - 1, hash };
  }
  let checked = 0;
  for (;;) {
    const page = await db().auditEntry.findMany({ where: last ? { seq: { gt: last.seq } } : {}, orderBy: { seq: "asc" }, take: PAGE });
    if (page.length === 0) break;
    const brk = findChainBreak(page, last, keying);
    if (brk) return result(checked + page.findIndex((e) => e.seq === brk.seq), brk);
    checked += page.length;
    const tail = page[page.length - 1]!;
    last = { seq: tail.seq, hash: tail.hash };
  }
  if (latest && (last?.seq ?? 0) < latest.seq) {
    return result(checked, { seq: latest.seq, reason: `the log ends at #${last?.seq ?? 0} but a signed checkpoint recorded entry #${latest.seq}: its tail was cut` });
  }
  return result(checked, null);
}
