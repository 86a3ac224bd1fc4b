// Security finding L3: the audit chain is keyed (an HMAC whose key is outside the database) and
// anchored (checkpoints written outside the database), so whoever can write the database can
// neither rewrite the chain with recomputed hashes nor cut its tail; purging entries older than a
// checkpoint keeps it verifiable.
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { appendAudit } from "@/lib/audit/append";
import { verifyAuditChain } from "@/lib/audit/verify";
import { sweepOnce } from "@/lib/retention/sweep";
import { purgeExpiredAudit } from "@/lib/retention/purge-records";

const quiet = async () => {};
const DAY = 86_400_000;
type Entry = Awaited<ReturnType<ReturnType<typeof db>["auditEntry"]["findFirstOrThrow"]>>;

async function appendSome(n: number, action: string) {
  for (let i = 0; i < n; i++) await appendAudit({ actor: { id: null, label: "anchor-test" }, action, target: { type: "test", id: `t${i}` }, details: { i } });
  return db().auditEntry.findMany({ where: { action }, orderBy: { seq: "asc" } });
}

// The attacker's recomputation: the published chain formula with SHA-256, as the unkeyed chain had it.
function plainHash(e: Entry, prevHash: string): string {
  const canonical = JSON.stringify([e.seq, e.at.toISOString(), e.actorId, e.actorLabel, e.action, e.targetType, e.targetId, e.siteId, e.justification, e.details, prevHash]);
  return createHash("sha256").update(canonical).digest("hex");
}

// Rows to put back after a test tampered with them, so the shared chain stays intact for others.
let restore: Entry[] = [];
afterEach(async () => {
  for (const e of restore) {
    await db().auditEntry.deleteMany({ where: { seq: e.seq } });
    await db().auditEntry.create({ data: e });
  }
  restore = [];
});

describe("keyed, anchored audit chain (L3)", () => {
  it("detects entries rewritten with a recomputed chain", async () => {
    const entries = await appendSome(4, "test.anchor-rewrite");
    await sweepOnce({ worker: "anchor-test", notifyAdmins: quiet });
    expect((await verifyAuditChain()).firstBreak).toBeNull();
    const victim = entries[1]!;
    const tail = await db().auditEntry.findMany({ where: { seq: { gte: victim.seq } }, orderBy: { seq: "asc" } });
    restore = tail;
    // Blank one entry's details and recompute every hash from there on.
    let prev = entries[0]!.hash;
    for (const e of tail) {
      const edited = { ...e, details: e.seq === victim.seq ? "{}" : e.details, prevHash: prev };
      const hash = plainHash(edited, prev);
      await db().auditEntry.delete({ where: { seq: e.seq } });
      await db().auditEntry.create({ data: { ...edited, hash } });
      prev = hash;
    }
    const result = await verifyAuditChain();
    expect(result.firstBreak).not.toBeNull();
  });

  it("detects the newest entries cut off", async () => {
    const entries = await appendSome(3, "test.anchor-cut");
    await sweepOnce({ worker: "anchor-test", notifyAdmins: quiet });
    const newest = await db().auditEntry.findMany({ where: { seq: { gte: entries[1]!.seq } }, orderBy: { seq: "asc" } });
    restore = newest;
    await db().auditEntry.deleteMany({ where: { seq: { gte: entries[1]!.seq } } });
    const result = await verifyAuditChain();
    expect(result.firstBreak).not.toBeNull();
    expect(result.firstBreak!.reason).toMatch(/checkpoint/);
  });

  it("still verifies after entries older than the retention were purged up to a checkpoint", async () => {
    await appendSome(3, "test.anchor-purge");
    await sweepOnce({ worker: "anchor-test", notifyAdmins: quiet });
    // A year and more after the newest entry of the log (other suites date some in the future).
    const newest = await db().auditEntry.findFirstOrThrow({ orderBy: { at: "desc" } });
    const purged = await purgeExpiredAudit(new Date(Math.max(Date.now(), newest.at.getTime()) + 400 * DAY));
    expect(purged).toBeGreaterThan(0);
    expect(await db().auditEntry.count({ where: { action: "test.anchor-purge" } })).toBe(0);
    // New entries after the purge chain on from the checkpoint.
    await appendSome(2, "test.anchor-after-purge");
    const result = await verifyAuditChain();
    expect(result.firstBreak).toBeNull();
    expect(result.checked).toBeGreaterThanOrEqual(2);
  });
});
