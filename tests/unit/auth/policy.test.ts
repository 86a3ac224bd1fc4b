import { describe, expect, it } from "vitest";
import { can, isGrantActive, permissionsOf, PERMISSIONS, ROLE_PERMISSIONS, ROLES, rolesExcludedWith } from "@/lib/auth/policy";

describe("permission policy", () => {
  it("denies everything to nobody", () => {
    for (const p of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) expect(can(null, p)).toBe(false);
  });

  it("gives customers only their own things", () => {
    expect([...permissionsOf(["customer"])].sort()).toEqual(["account:manage-own", "ticket:create", "ticket:read-own"]);
  });

  it("keeps unmask validation to supervisors and configuration to admins", () => {
    const holders = (p: keyof typeof PERMISSIONS) => ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(p));
    expect(holders("unmask:approve")).toEqual(["supervisor"]);
    expect(holders("site:configure")).toEqual(["admin"]);
    expect(holders("user:manage")).toEqual(["admin"]);
    expect(holders("outbox:manage")).toEqual(["admin"]);
    expect(holders("helpdesk:manage")).toEqual(["admin"]);
    expect(holders("replay:view")).toEqual(["agent", "supervisor"]);
    // Rights requests received by other channels (privacy point 11): admins and privacy officers, not agents.
    expect(holders("privacy:rights")).toEqual(["admin", "privacy-officer"]);
    expect(holders("unmask:custody")).toEqual(["privacy-officer"]);
  });

  it("the privacy officer holds custody and rights requests only, never a replay, and is never agent, supervisor or admin on the same site", () => {
    expect([...permissionsOf(["privacy-officer"])].sort()).toEqual(["privacy:rights", "unmask:custody"]);
    expect(rolesExcludedWith("privacy-officer")).toEqual(["agent", "supervisor", "admin"]);
    for (const staff of ["agent", "supervisor", "admin"] as const) expect(rolesExcludedWith(staff)).toEqual(["privacy-officer"]);
    expect(rolesExcludedWith("customer")).toEqual([]);
  });

  it("counts a grant only while not revoked, suspended or expired", () => {
    const now = new Date("2026-06-01T12:00:00Z");
    const active = { revokedAt: null, suspendedAt: null, expiresAt: null };
    expect(isGrantActive(active, now)).toBe(true);
    expect(isGrantActive({ ...active, revokedAt: now }, now)).toBe(false);
    expect(isGrantActive({ ...active, suspendedAt: now }, now)).toBe(false);
    expect(isGrantActive({ ...active, expiresAt: now }, now)).toBe(false);
    expect(isGrantActive({ ...active, expiresAt: new Date(now.getTime() + 1) }, now)).toBe(true);
  });
});
