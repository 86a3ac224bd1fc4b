import "server-only";
import { db } from "@/lib/db/client";
import { appendAudit } from "@/lib/audit/append";
import { AppError } from "@/lib/errors";
import { GRANT_REVIEW_DAYS, isGrantActive, rolesExcludedWith, type Role } from "@/lib/auth/policy";

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

// Creates the account if needed and grants the role (staff roles only: "customer" is implicit).
export async function grantRole(opts: { email: string; role: Role; by: ActingUser; siteId?: string | null; expiresAt?: Date | null; now?: Date }) {
  const now = opts.now ?? new Date();
  const email = normalizeEmail(opts.email);
  if (opts.role === "customer") throw new AppError("bad_request", "Every account is a customer already; grant agent, supervisor, admin or privacy-officer.");
  return db().$transaction(async (tx) => {
    const user = await tx.user.upsert({ where: { email }, update: {}, create: { email } });
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
    return { user, grant };
  });
}

export async function revokeRole(opts: { email: string; role: Role; by: ActingUser; now?: Date }) {
  const now = opts.now ?? new Date();
  const email = normalizeEmail(opts.email);
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email }, include: { grants: { where: { role: opts.role } } } });
    const active = user?.grants.filter((g) => isGrantActive(g, now)) ?? [];
    if (!user || active.length === 0) throw new AppError("not_found", `${email} holds no active ${opts.role} role.`);
    await tx.roleGrant.updateMany({ where: { id: { in: active.map((g) => g.id) } }, data: { revokedAt: now, revokedById: opts.by.id } });
    await appendAudit({ actor: opts.by, action: "role.revoke", target: { type: "user", id: user.id }, details: { role: opts.role }, at: now }, tx);
  });
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
