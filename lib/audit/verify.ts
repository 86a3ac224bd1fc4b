import "server-only";
import { db } from "@/lib/db/client";
import { findChainBreak, type ChainBreak } from "@/lib/audit/chain";

const PAGE = 1000;

// Reads the whole log in pages, in seq order, and reports the first entry that breaks the chain.
export async function verifyAuditChain(): Promise<{ checked: number; firstBreak: ChainBreak | null }> {
  let checked = 0;
  let last: { seq: number; hash: string } | undefined;
  for (;;) {
    const page = await db().auditEntry.findMany({ where: last ? { seq: { gt: last.seq } } : {}, orderBy: { seq: "asc" }, take: PAGE });
    if (page.length === 0) return { checked, firstBreak: null };
    const brk = findChainBreak(page, last);
    if (brk) return { checked: checked + page.findIndex((e) => e.seq === brk.seq), firstBreak: brk };
    checked += page.length;
    const tail = page[page.length - 1]!;
    last = { seq: tail.seq, hash: tail.hash };
  }
}
