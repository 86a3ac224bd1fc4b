import "server-only";
import { db, type Db, type Tx } from "@/lib/db/client";
import { appendAudit } from "@/lib/audit/append";
import { AppError } from "@/lib/errors";
import { GRANT_REVIEW_DAYS, isGrantActive, rolesExcludedWith, type Role } from "@/lib/auth/policy";
import { REVIEW_GRACE_DAYS } from "@/lib/users/review-policy";

export type ActingUser = { id: string | null; label: string };

const DAY_MS = 24 * 3600 * 1000;

// One spelling per address, the one next-auth mails to (its normalizeIdentifier is this function,
// lib/auth/options.ts): compatibility forms folded (NFKC: "ａgent" is "agent"), trimmed, lower-cased.
export function normalizeEmail(email: string): string {
  return email.normalize("NFKC").trim().toLowerCase();
}

type LiveGrant = { role: string; siteId: string | null; revokedAt: Date | null; expiresAt: Date | null };

// A grant that counts or can count again: a suspended grant comes back when its review is
// confirmed, so it still blocks an incompatible role.
const isLive = (g: LiveGrant, now: Date) => g.revokedAt === null && (g.expiresAt === null || g.expiresAt > now);

// Privacy point 6: the M2 key custodian (privacy-officer) is never agent, supervisor or admin on
// the same site; a grant on every site overlaps each site. The message says which grant is in the way.
function exclusionRefusal(email: string, role: Role, siteId: string | null, held: readonly LiveGrant[], now: Date): string | null {
  const excluded = rolesExcludedWith(role);
  const clash = held.find((g) => isLive(g, now) && excluded.includes(g.role as Role) && (g.siteId === null || siteId === null || g.siteId === siteId));
  if (!clash) return null;
  const where = clash.siteId === null || siteId === null ? "every site, which includes this one" : "this site";
  return role === "privacy-officer"
    ? `${email} holds the ${clash.role} role on ${where}: the privacy officer, who holds the M2 key custody, cannot also be agent, supervisor or admin on the same site. Choose someone outside the site's staff, or revoke that role first.`
    : `${email} is the privacy officer (M2 key custodian) on ${where}: they cannot also be agent, supervisor or admin on the same site. Revoke the privacy-officer role first, or choose someone else.`;
}

// Every change to a role grant goes through this module (web routes, pages, the admin CLI and the
// sweeper alike), so each rule holds on every path and each change is audited the same way.

type GrantRow = Awaited<ReturnType<Tx["roleGrant"]["findUniqueOrThrow"]>>;

// The account behind an address, created if there is none yet (every account is a customer).
export async function ensureAccount(email: string, tx: Tx | Db = db()) {
  const address = normalizeEmail(email);
  return tx.user.upsert({ where: { email: address }, update: {}, create: { email: address } });
}

// Creates the account if needed and grants the role (staff roles only: "customer" is implicit).
// afterGrant runs in the grant's transaction (the invitation email is queued with it).
export async function grantRole(opts: { email: string; role: Role; by: ActingUser; siteId?: string | null; expiresAt?: Date | null; now?: Date; afterGrant?: (tx: Tx, granted: { userId: string; grantId: string }) => Promise<void> }) {
  const now = opts.now ?? new Date();
  const email = normalizeEmail(opts.email);
  if (opts.role === "customer") throw new AppError("bad_request", "Every account is a customer already; grant agent, supervisor, admin or privacy-officer.");
  return db().$transaction(async (tx) => {
    const user = await ensureAccount(email, tx);
    // S2 (finding L11): nobody grants themselves a role; a second admin (or the operator's CLI) does.
    if (opts.by.id !== null && opts.by.id === user.id) throw new AppError("forbidden", "Another admin must grant you a role.");
    const held = await tx.roleGrant.findMany({ where: { userId: user.id } });
    const same = held.filter((g) => g.role === opts.role && g.siteId === (opts.siteId ?? null));
    if (same.some((g) => isGrantActive(g, now))) throw new AppError("conflict", `${email} already holds the ${opts.role} role${opts.siteId ? " on this site" : ""}.`);
    const refusal = exclusionRefusal(email, opts.role, opts.siteId ?? null, held, now);
    if (refusal) throw new AppError("conflict", refusal);
    const grant = await tx.roleGrant.create({
      data: {
        userId: user.id,
        role: opts.role,
        siteId: opts.siteId ?? null,
        grantedById: opts.by.id,
        grantedAt: now,
        reviewDueAt: new Date(now.getTime() + GRANT_REVIEW_DAYS * DAY_MS),
        expiresAt: opts.expiresAt ?? null,
      },
    });
    await appendAudit(
      { actor: opts.by, action: "role.grant", target: { type: "user", id: user.id }, details: { role: opts.role, grantId: grant.id, siteId: opts.siteId ?? null, reviewDueAt: grant.reviewDueAt.toISOString(), expiresAt: grant.expiresAt?.toISOString() ?? null }, at: now },
      tx,
    );
    await opts.afterGrant?.(tx, { userId: user.id, grantId: grant.id });
    return { user, grant };
  });
}

// A person's grants of one role still in force or suspended (the ones the CLI names by email and role).
async function liveGrantsOf(tx: Tx, email: string, role: Role, now: Date): Promise<GrantRow[]> {
  const grants = await tx.roleGrant.findMany({ where: { role, revokedAt: null, user: { email: normalizeEmail(email) } } });
  return grants.filter((g) => isLive(g, now));
}

// The last admin grant that covers every site cannot go: nobody could manage access any more (the
// admin CLI can still grant a new one).
async function revokeIn(tx: Tx, by: ActingUser, grant: GrantRow, now: Date): Promise<void> {
  if (grant.role === "admin" && grant.siteId === null) {
    const admins = await tx.roleGrant.findMany({ where: { role: "admin", siteId: null, revokedAt: null, id: { not: grant.id }, user: { deactivatedAt: null } } });
    if (!admins.some((g) => isGrantActive(g, now))) throw new AppError("conflict", "This is the last admin grant covering every site; grant another admin first.");
  }
  const { count } = await tx.roleGrant.updateMany({ where: { id: grant.id, revokedAt: null }, data: { revokedAt: now, revokedById: by.id } });
  if (count === 0) throw new AppError("conflict", "The grant was revoked meanwhile.");
  await appendAudit(
    { actor: by, action: "role.revoke", target: { type: "user", id: grant.userId }, siteId: grant.siteId, details: { grantId: grant.id, role: grant.role, siteId: grant.siteId, revokedAt: { from: null, to: now.toISOString() } }, at: now },
    tx,
  );
}

// Revokes one grant (the admin pages).
export async function revokeGrant(by: ActingUser, grantId: string, now = new Date()): Promise<void> {
  await db().$transaction(async (tx) => {
    const grant = await tx.roleGrant.findUnique({ where: { id: grantId } });
    if (!grant || grant.revokedAt) throw new AppError("not_found", "No such grant, or it is already revoked.");
    await revokeIn(tx, by, grant, now);
  });
}

// Revokes every grant of a role a person holds, on any site (the CLI): all of them or none.
export async function revokeRole(opts: { email: string; role: Role; by: ActingUser; now?: Date }): Promise<void> {
  const now = opts.now ?? new Date();
  await db().$transaction(async (tx) => {
    const grants = await liveGrantsOf(tx, opts.email, opts.role, now);
    if (grants.length === 0) throw new AppError("not_found", `${normalizeEmail(opts.email)} holds no active ${opts.role} role.`);
    for (const grant of grants) await revokeIn(tx, opts.by, grant, now);
  });
}

// Confirms a grant is still needed: reviewed now, next review in GRANT_REVIEW_DAYS, suspension
// lifted. Someone other than the holder must do it (the CLI, run by an operator, may).
async function confirmReviewIn(tx: Tx, by: ActingUser, grant: GrantRow, now: Date): Promise<{ reviewDueAt: Date }> {
  if (by.id !== null && by.id === grant.userId) throw new AppError("forbidden", "Another admin must review your own grant.");
  const reviewDueAt = new Date(now.getTime() + GRANT_REVIEW_DAYS * DAY_MS);
  const { count } = await tx.roleGrant.updateMany({ where: { id: grant.id, revokedAt: null }, data: { lastReviewedAt: now, reviewDueAt, suspendedAt: null } });
  if (count === 0) throw new AppError("conflict", "The grant was revoked meanwhile.");
  await appendAudit(
    {
      actor: by,
      action: "role.review",
      target: { type: "user", id: grant.userId },
      siteId: grant.siteId,
      details: {
        grantId: grant.id,
        role: grant.role,
        siteId: grant.siteId,
        reviewDueAt: { from: grant.reviewDueAt.toISOString(), to: reviewDueAt.toISOString() },
        suspendedAt: { from: grant.suspendedAt?.toISOString() ?? null, to: null },
      },
      at: now,
    },
    tx,
  );
  return { reviewDueAt };
}

// Confirms one grant after review (the access-review page).
export async function confirmGrantReview(by: ActingUser, grantId: string, now = new Date()): Promise<{ reviewDueAt: Date }> {
  return db().$transaction(async (tx) => {
    const grant = await tx.roleGrant.findUnique({ where: { id: grantId } });
    if (!grant || !isLive(grant, now)) throw new AppError("not_found", "No such grant in force (it may have been revoked or have expired).");
    return confirmReviewIn(tx, by, grant, now);
  });
}

// Confirms every grant of a role a person holds, on any site (the CLI, e.g. for the only admin, who
// cannot review their own).
export async function confirmRoleReview(opts: { email: string; role: Role; by: ActingUser; now?: Date }): Promise<{ reviewDueAt: Date }[]> {
  const now = opts.now ?? new Date();
  return db().$transaction(async (tx) => {
    const grants = await liveGrantsOf(tx, opts.email, opts.role, now);
    if (grants.length === 0) throw new AppError("not_found", `${normalizeEmail(opts.email)} holds no ${opts.role} grant to review.`);
    const confirmed: { reviewDueAt: Date }[] = [];
    for (const grant of grants) confirmed.push(await confirmReviewIn(tx, opts.by, grant, now));
    return confirmed;
  });
}

// Suspends every active grant whose review is overdue past the grace period (the sweeper); returns
// what it suspended so the caller can tell the admins. Conditional update: safe with several sweepers.
export async function suspendOverdueGrants(now = new Date()) {
  const cutoff = new Date(now.getTime() - REVIEW_GRACE_DAYS * DAY_MS);
  const overdue = await db().roleGrant.findMany({ where: { revokedAt: null, suspendedAt: null, reviewDueAt: { lt: cutoff } }, include: { user: { select: { email: true } } } });
  const suspended: { grantId: string; email: string; role: string }[] = [];
  for (const grant of overdue) {
    const { count } = await db().roleGrant.updateMany({ where: { id: grant.id, suspendedAt: null, revokedAt: null }, data: { suspendedAt: now } });
    if (count === 0) continue;
    await appendAudit({ actor: { id: null, label: "sweeper" }, action: "role.suspend", target: { type: "user", id: grant.userId }, details: { role: grant.role, grantId: grant.id, reason: "review overdue" }, at: now });
    suspended.push({ grantId: grant.id, email: grant.user.email, role: grant.role });
  }
  return suspended;
}

export async function listUsers(now = new Date()) {
  const users = await db().user.findMany({ orderBy: { email: "asc" }, include: { grants: true } });
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    deactivated: u.deactivatedAt !== null,
    roles: u.grants.filter((g) => isGrantActive(g, now)).map((g) => ({ role: g.role, siteId: g.siteId, reviewDueAt: g.reviewDueAt, expiresAt: g.expiresAt })),
  }));
}
