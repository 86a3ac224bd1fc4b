import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { actorWithGrants } from "@/tests/support/actors";
import { appendAudit } from "@/lib/audit/append";
import { iterateAudit, queryAudit } from "@/lib/audit/query";
import { ZAuditFilter } from "@/lib/audit/schemas";
import { db } from "@/lib/db/client";

const admin = (siteId: string | null = null): Actor => actorWithGrants([{ role: "admin", siteId }], { userId: "audit-admin", email: "audit-admin@test.example" });

describe("audit log queries", () => {
  it("filter by actor, action, site and period, page newest first, and respect an admin's site scope", async () => {
    const tag = randomBytes(3).toString("hex");
    const action = `test.filter.${tag}`;
    const day = (d: string) => new Date(`${d}T12:00:00Z`);
    const entries = [
      { actor: `alice-${tag}@test.example`, siteId: `site-a-${tag}`, at: day("2030-01-01") },
      { actor: `alice-${tag}@test.example`, siteId: `site-b-${tag}`, at: day("2030-01-02") },
      { actor: `bob-${tag}@test.example`, siteId: `site-a-${tag}`, at: day("2030-01-03") },
      { actor: `bob-${tag}@test.example`, siteId: null, at: day("2030-01-04") },
    ];
    for (const e of entries) await appendAudit({ actor: { id: null, label: e.actor }, action, target: { type: "test" }, siteId: e.siteId, at: e.at });
    const seqs = async (actor: Actor, f: Record<string, unknown>) => (await queryAudit(actor, ZAuditFilter.parse({ action, ...f }))).entries.map((e) => e.at.toISOString().slice(0, 10));

    expect(await seqs(admin(), {})).toEqual(["2030-01-04", "2030-01-03", "2030-01-02", "2030-01-01"]);
    expect(await seqs(admin(), { actor: `ALICE-${tag}` })).toEqual(["2030-01-02", "2030-01-01"]);
    expect(await seqs(admin(), { site: `site-a-${tag}` })).toEqual(["2030-01-03", "2030-01-01"]);
    expect(await seqs(admin(), { from: "2030-01-02", to: "2030-01-03" })).toEqual(["2030-01-03", "2030-01-02"]);
    expect(await seqs(admin(`site-b-${tag}`), {})).toEqual(["2030-01-02"]);
    expect(await seqs(admin(`site-b-${tag}`), { site: `site-a-${tag}` })).toEqual([]);

    const all = [];
    for await (const e of iterateAudit(admin(), ZAuditFilter.parse({ action }), 3)) all.push(e.at.toISOString().slice(0, 10));
    expect(all).toEqual(["2030-01-01", "2030-01-02", "2030-01-03", "2030-01-04"]);

    expect(ZAuditFilter.safeParse({ from: "31/01/2030" }).success).toBe(false);
    expect(ZAuditFilter.safeParse({ page: "0" }).success).toBe(false);
  });
});

// The operator's command, run exactly as `npm run admin -- audit-verify` runs it. This process
// lets go of its connection first: the CLI applies migrations on start, and on SQLite the schema
// engine times out while another process holds the file open.
async function auditVerify() {
  await db().$disconnect();
  const r = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/admin.ts", "audit-verify"], { env: process.env, encoding: "utf8", timeout: 120_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe("npm run admin -- audit-verify", () => {
  it("exits non-zero naming the first edited entry, and 0 once the row is restored", { timeout: 240_000 }, async () => {
    await appendAudit({ actor: { id: null, label: "test" }, action: "test.cli-verify", target: { type: "test" }, details: { amount: 1 } });
    const victim = await db().auditEntry.findFirstOrThrow({ where: { action: "test.cli-verify" }, orderBy: { seq: "desc" } });
    await db().auditEntry.update({ where: { seq: victim.seq }, data: { details: JSON.stringify({ amount: 1000 }) } });
    try {
      const broken = await auditVerify();
      expect(broken.status).toBe(1);
      expect(broken.out).toContain(`Audit log is NOT intact: entry #${victim.seq}: its content does not match its hash: the entry was edited.`);
    } finally {
      await db().auditEntry.update({ where: { seq: victim.seq }, data: { details: victim.details } });
    }
    // Restoring the row makes the same command pass: the edit alone was the break.
    const restored = await auditVerify();
    expect(restored.out).toMatch(/Audit log intact: \d+ entries checked/);
    expect(restored.status).toBe(0);
  });
});
