import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { actorForUser } from "@/lib/auth/actor";
import { verifyAuditChain } from "@/lib/audit/verify";
import { appendAudit } from "@/lib/audit/append";
import { db } from "@/lib/db/client";
import { grantRole, listUsers, revokeRole } from "@/lib/users/grants";

const email = (name: string) => `${name}-${randomBytes(4).toString("hex")}@test.example`;
const by = { id: null, label: "test" };

describe("role grants (S2)", () => {
  it("a granted role gives its permissions at once, a revoked one takes them away at once", async () => {
    const address = email("agent");
    const { user, grant } = await grantRole({ email: address.toUpperCase(), role: "agent", by });
    expect(user.email).toBe(address);
    expect(grant.reviewDueAt.getTime() - grant.grantedAt.getTime()).toBe(90 * 24 * 3600 * 1000);

    const actor = await actorForUser(user.id);
    expect(actor?.roles).toEqual(["customer", "agent"]);
    expect(actor?.permissions.has("replay:view")).toBe(true);

    await revokeRole({ email: address, role: "agent", by });
    const after = await actorForUser(user.id);
    expect(after?.roles).toEqual(["customer"]);
    expect(after?.permissions.has("replay:view")).toBe(false);
  });

  it("refuses a duplicate grant, a customer grant and revoking what is not held, writing nothing", async () => {
    const address = email("sup");
    await grantRole({ email: address, role: "supervisor", by });
    const before = await db().roleGrant.count();
    await expect(grantRole({ email: address, role: "supervisor", by })).rejects.toThrow(/already holds/);
    await expect(grantRole({ email: address, role: "customer", by })).rejects.toThrow(/customer already/);
    await expect(revokeRole({ email: address, role: "admin", by })).rejects.toThrow(/no active admin/);
    expect(await db().roleGrant.count()).toBe(before);
  });

  // The operator's CLI revokes by email and role (`npm run admin -- revoke`); it used to skip the
  // guard the web applies, and could leave nobody able to manage access.
  it("revoking by email and role (the CLI) refuses the last admin grant covering every site", async () => {
    await db().roleGrant.updateMany({ where: { role: "admin", siteId: null, revokedAt: null }, data: { revokedAt: new Date() } });
    const address = email("last-admin");
    const { grant } = await grantRole({ email: address, role: "admin", by });
    await expect(revokeRole({ email: address, role: "admin", by })).rejects.toThrow(/last admin grant covering every site/);
    expect((await db().roleGrant.findUniqueOrThrow({ where: { id: grant.id } })).revokedAt).toBeNull();
  });

  it("npm run admin -- revoke says why in one sentence and exits 1", { timeout: 240_000 }, async () => {
    await db().roleGrant.updateMany({ where: { role: "admin", siteId: null, revokedAt: null }, data: { revokedAt: new Date() } });
    const address = email("cli-last-admin");
    await grantRole({ email: address, role: "admin", by });
    // Let go of the connection: the CLI migrates on start, which on SQLite waits for the file.
    await db().$disconnect();
    const r = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/admin.ts", "revoke", "--email", address, "--role", "admin"], { env: process.env, encoding: "utf8", timeout: 120_000 });
    expect(r.stderr.trim()).toBe("Error: This is the last admin grant covering every site; grant another admin first.");
    expect(r.status).toBe(1);
  });

  it("an expired grant and a deactivated account count for nothing", async () => {
    const now = new Date();
    const { user } = await grantRole({ email: email("temp"), role: "admin", by, expiresAt: new Date(now.getTime() + 60_000) });
    expect((await actorForUser(user.id, now))?.roles).toContain("admin");
    expect((await actorForUser(user.id, new Date(now.getTime() + 120_000)))?.roles).toEqual(["customer"]);
    await db().user.update({ where: { id: user.id }, data: { deactivatedAt: now } });
    expect(await actorForUser(user.id)).toBeNull();
    expect((await listUsers()).find((u) => u.id === user.id)?.deactivated).toBe(true);
  });
});

describe("audit log", () => {
  it("records grants in an intact chain and detects an edited row", async () => {
    await appendAudit({ actor: by, action: "test.event", target: { type: "test" }, details: { n: 1 } });
    const intact = await verifyAuditChain();
    expect(intact.firstBreak).toBeNull();
    expect(intact.checked).toBeGreaterThan(0);

    const victim = await db().auditEntry.findFirstOrThrow({ where: { action: "test.event" }, orderBy: { seq: "desc" } });
    await db().auditEntry.update({ where: { seq: victim.seq }, data: { details: JSON.stringify({ n: 2 }) } });
    const broken = await verifyAuditChain();
    expect(broken.firstBreak?.seq).toBe(victim.seq);
    expect(broken.firstBreak?.reason).toMatch(/edited/);
    // Restore, so later suites in this run see an intact log.
    await db().auditEntry.update({ where: { seq: victim.seq }, data: { details: victim.details } });
    expect((await verifyAuditChain()).firstBreak).toBeNull();
  });

  it("keeps the chain intact under concurrent appends", async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => appendAudit({ actor: by, action: "test.concurrent", target: { type: "test", id: String(i) } })));
    expect((await verifyAuditChain()).firstBreak).toBeNull();
  });
});
