import "server-only";
import { db } from "@/lib/db/client";
import { appendAudit } from "@/lib/audit/append";
import { AppError } from "@/lib/errors";
import { GRANT_REVIEW_DAYS, isGrantActive } from "@/lib/auth/policy";
import { REVIEW_SOON_DAYS } from "@/lib/users/review-policy";
import { visibleGrantWhere } from "@/lib/users/staff-list";
import type { SiteScope } from "@/lib/auth/scope";
import type { ActingUser } from "@/lib/users/grants";

const DAY_MS = 86_400_000;

// S2 access review: grants due within REVIEW_SOON_DAYS or overdue, and suspended ones, oldest first.
// Only the grants visible within `scope` (lib/users/staff-list.ts).
export async function grantsForReview(scope: SiteScope, now = new Date()) {
  const grants = await db().roleGrant.findMany({
    where: {
      revokedAt: null,
      AND: [
        { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
        { OR: [{ reviewDueAt: { lte: new Date(now.getTime() + REVIEW_SOON_DAYS * DAY_MS) } }, { suspendedAt: { not: null } }] },
        visibleGrantWhere(scope),
      ],
    },
    include: { user: { select: { email: true, deactivatedAt: true } }, site: { select: { name: true } }, grantedBy: { select: { email: true } } },
    orderBy: { reviewDueAt: "asc" },
  });
  return grants.map((g) => ({
    id: g.id,
    email: g.user.email,
    deactivated: g.user.deactivatedAt !== null,
    role: g.role,
    site: g.site?.name ?? null,
    grantedBy: g.grantedBy?.email ?? null,
    grantedAt: g.grantedAt,
    reviewDueAt: g.reviewDueAt,
    lastReviewedAt: g.lastReviewedAt,
    expiresAt: g.expiresAt,
    suspendedAt: g.suspendedAt,
    overdue: g.reviewDueAt <= now,
  }));
}

// Confirms a grant is still needed: reviewed now, next review in GRANT_REVIEW_DAYS, suspension
// lifted. Someone other than the holder must do it (the CLI, run by an operator, may).
export async function confirmGrantReview(by: ActingUser, grantId: string, now = new Date()) {
  return db().$transaction(async (tx) => {
    const grant = await tx.roleGrant.findUnique({ where: { id: grantId } });
    if (!grant || grant.revokedAt || (grant.expiresAt && grant.expiresAt <= now)) throw new AppError("not_found", "No such grant in force (it may have been revoked or have expired).");
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
  });
}

// Revokes one grant. The last admin grant that covers every site cannot go: nobody could manage
// access any more (the admin CLI can still grant a new one).
export async function revokeGrant(by: ActingUser, grantId: string, now = new Date()) {
  await db().$transaction(async (tx) => {
    const grant = await tx.roleGrant.findUnique({ where: { id: grantId } });
    if (!grant || grant.revokedAt) throw new AppError("not_found", "No such grant, or it is already revoked.");
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
  });
}
