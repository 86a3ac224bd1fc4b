import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { actorForUser } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { createSite } from "@/lib/sites/create-site";
import { setUserActive } from "@/lib/users/deactivate";
import { inviteStaff, renderInvite } from "@/lib/users/invite";
import { confirmGrantReview, revokeGrant, suspendOverdueGrants } from "@/lib/users/grants";
import { grantsForReview } from "@/lib/users/review";

// The invitation is queued on the outbox with the grant and rendered when sent (renderInvite);
// delivery over SMTP is covered by outbox.test.ts and the end-to-end suite.
const invitationsTo = async (address: string, now: Date) =>
  (await db().job.findMany({ where: { kind: "mail", createdAt: now } })).filter((j) => JSON.stringify(j.payload).includes(`"email":"${address}"`));

const DAY = 86_400_000;
const email = (name: string) => `${name}-${randomBytes(4).toString("hex")}@test.example`;
const admin = { id: null, label: "admin-test" };
const lastAudit = (action: string) => db().auditEntry.findFirstOrThrow({ where: { action }, orderBy: { seq: "desc" } });

describe("inviting staff", () => {
  it("grants the role with its review date, expiry and granter, audits it, and emails a sign-in link", async () => {
    const site = await createSite({ name: "Invite shop", origins: ["https://invite.example"], by: admin });
    const address = email("agent");
    const now = new Date();
    const boss = await db().user.create({ data: { email: email("boss") } });
    const { userId, grantId } = await inviteStaff({ id: boss.id, label: boss.email }, { email: address.toUpperCase(), role: "agent", siteId: site.id, expiresOn: "2099-06-30" }, now);
    const grant = await db().roleGrant.findUniqueOrThrow({ where: { id: grantId } });
    expect(grant).toMatchObject({ userId, role: "agent", siteId: site.id, grantedById: boss.id, expiresAt: new Date("2099-06-30T00:00:00Z") });
    expect(grant.reviewDueAt.getTime() - now.getTime()).toBe(90 * DAY);
    expect((await actorForUser(userId))?.scopes.get("replay:view")).toEqual([site.id]);

    const entry = await lastAudit("role.grant");
    expect(entry.actorLabel).toBe(boss.email);
    expect(JSON.parse(entry.details)).toMatchObject({ role: "agent", grantId, siteId: site.id, expiresAt: "2099-06-30T00:00:00.000Z" });

    expect(await invitationsTo(address, now)).toHaveLength(1);
    const mail = (await renderInvite({ userId, grantId }, now))!;
    expect(mail.subject).toBe("You are invited to Replaydesk");
    expect(mail.text).toContain('the site "Invite shop"');
    expect(mail.text).toMatch(/\/signin\?callbackUrl=%2Fdesk/);
  });

  it("sends nothing for a grant revoked before its invitation left", async () => {
    const { userId, grantId } = await inviteStaff(admin, { email: email("gone"), role: "supervisor" });
    await db().roleGrant.update({ where: { id: grantId }, data: { revokedAt: new Date() } });
    expect(await renderInvite({ userId, grantId }, new Date())).toBeNull();
  });

  it("refuses an unknown site, a past expiry and a deactivated account, writing nothing", async () => {
    const address = email("refused");
    const before = { grants: await db().roleGrant.count(), users: await db().user.count() };
    await expect(inviteStaff(admin, { email: address, role: "agent", siteId: "no-such-site" })).rejects.toThrow(/siteId: no such site/);
    await expect(inviteStaff(admin, { email: address, role: "agent", expiresOn: "2020-01-01" })).rejects.toThrow(/expiresOn: must be a real date after today/);
    expect({ grants: await db().roleGrant.count(), users: await db().user.count() }).toEqual(before);

    const gone = await db().user.create({ data: { email: email("leaver"), deactivatedAt: new Date() } });
    const at = new Date();
    await expect(inviteStaff(admin, { email: gone.email, role: "agent" }, at)).rejects.toThrow(/deactivated; reactivate/);
    expect(await invitationsTo(gone.email, at)).toHaveLength(0);
  });
});

describe("access review (S2)", () => {
  it("lists grants due soon or suspended, and a confirmation restores a suspended grant for 90 days", async () => {
    const now = new Date();
    const { grantId, userId } = await inviteStaff(admin, { email: email("overdue"), role: "agent" }, new Date(now.getTime() - 110 * DAY));
    const fresh = await inviteStaff(admin, { email: email("fresh"), role: "agent" }, now);
    expect((await suspendOverdueGrants(now)).map((s) => s.grantId)).toContain(grantId);
    expect((await actorForUser(userId, now))?.roles).toEqual(["customer"]);

    const listed = await grantsForReview("all", now);
    expect(listed.find((g) => g.id === grantId)).toMatchObject({ overdue: true, role: "agent" });
    expect(listed.find((g) => g.id === grantId)?.suspendedAt).toBeInstanceOf(Date);
    expect(listed.some((g) => g.id === fresh.grantId)).toBe(false);

    const { reviewDueAt } = await confirmGrantReview({ id: "reviewer", label: "reviewer@test.example" }, grantId, now);
    expect(reviewDueAt.getTime() - now.getTime()).toBe(90 * DAY);
    const grant = await db().roleGrant.findUniqueOrThrow({ where: { id: grantId } });
    expect(grant).toMatchObject({ suspendedAt: null, lastReviewedAt: now, reviewDueAt });
    expect((await actorForUser(userId, now))?.roles).toEqual(["customer", "agent"]);

    const entry = await lastAudit("role.review");
    expect(entry.targetId).toBe(userId);
    const details = JSON.parse(entry.details);
    expect(details.reviewDueAt.to).toBe(reviewDueAt.toISOString());
    expect(details.suspendedAt.from).not.toBeNull();
    expect(details.suspendedAt.to).toBeNull();
  });

  it("refuses a self-review, and a revoked grant cannot be confirmed", async () => {
    const { grantId, userId } = await inviteStaff(admin, { email: email("self"), role: "supervisor" });
    await expect(confirmGrantReview({ id: userId, label: "self" }, grantId)).rejects.toThrow(/Another admin must review your own grant/);
    await revokeGrant(admin, grantId);
    await expect(confirmGrantReview(admin, grantId)).rejects.toThrow(/No such grant in force/);
  });

  it("will not revoke the last admin grant covering every site", async () => {
    // Leave exactly one such grant (this suite's database holds test data only).
    const now = new Date();
    await db().roleGrant.updateMany({ where: { role: "admin", siteId: null, revokedAt: null }, data: { revokedAt: now } });
    const first = await inviteStaff(admin, { email: email("lastadmin"), role: "admin" });
    await expect(revokeGrant(admin, first.grantId)).rejects.toThrow(/last admin grant covering every site/);
    expect((await db().roleGrant.findUniqueOrThrow({ where: { id: first.grantId } })).revokedAt).toBeNull();
    await inviteStaff(admin, { email: email("nextadmin"), role: "admin" });
    await revokeGrant(admin, first.grantId);
  });

  it("revokes one grant at once, with an audit entry, and refuses to revoke it twice", async () => {
    const { grantId, userId } = await inviteStaff(admin, { email: email("revoked"), role: "supervisor" });
    expect((await actorForUser(userId))?.permissions.has("unmask:approve")).toBe(true);
    await revokeGrant({ id: "rev-1", label: "rev@test.example" }, grantId);
    expect((await actorForUser(userId))?.permissions.has("unmask:approve")).toBe(false);
    expect(await db().roleGrant.findUniqueOrThrow({ where: { id: grantId } })).toMatchObject({ revokedById: "rev-1" });
    expect(JSON.parse((await lastAudit("role.revoke")).details)).toMatchObject({ grantId, role: "supervisor" });
    await expect(revokeGrant(admin, grantId)).rejects.toThrow(/already revoked/);
  });
});

describe("deactivation", () => {
  it("deletes the person's sessions in the same step, so the next request is signed out; reactivation restores access", async () => {
    const { userId } = await inviteStaff(admin, { email: email("leaver"), role: "agent" });
    const expires = new Date(Date.now() + DAY);
    await db().session.createMany({ data: [0, 1].map(() => ({ userId, sessionToken: randomBytes(16).toString("hex"), expires })) });
    const other = await db().session.count();

    const result = await setUserActive({ id: "boss", label: "boss@test.example" }, userId, false);
    expect(result).toEqual({ changed: true, sessionsEnded: 2 });
    expect(await db().session.count({ where: { userId } })).toBe(0);
    expect(await db().session.count()).toBe(other - 2);
    expect(await actorForUser(userId)).toBeNull();
    const entry = await lastAudit("user.deactivate");
    expect(entry.targetId).toBe(userId);
    expect(JSON.parse(entry.details)).toMatchObject({ sessionsEnded: 2, deactivatedAt: { from: null } });

    expect(await setUserActive(admin, userId, false)).toEqual({ changed: false, sessionsEnded: 0 });
    await setUserActive(admin, userId, true);
    expect((await actorForUser(userId))?.roles).toEqual(["customer", "agent"]);
    expect((await lastAudit("user.reactivate")).targetId).toBe(userId);
  });

  it("refuses to deactivate oneself and an unknown account", async () => {
    const { userId } = await inviteStaff(admin, { email: email("me"), role: "admin" });
    await expect(setUserActive({ id: userId, label: "me" }, userId, false)).rejects.toThrow(/your own account/);
    await expect(setUserActive(admin, "no-such-user", false)).rejects.toThrow(/No such user/);
    expect((await db().user.findUniqueOrThrow({ where: { id: userId } })).deactivatedAt).toBeNull();
  });
});
