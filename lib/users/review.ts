import "server-only";
import { db } from "@/lib/db/client";
import { REVIEW_SOON_DAYS } from "@/lib/users/review-policy";
import { visibleGrantWhere } from "@/lib/users/staff-list";
import type { SiteScope } from "@/lib/auth/scope";

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
