import "server-only";
import { db } from "@/lib/db/client";
import { appendAudit } from "@/lib/audit/append";
import { REVIEW_GRACE_DAYS } from "@/lib/users/review-policy";

export { REVIEW_GRACE_DAYS };

const DAY_MS = 24 * 3600 * 1000;

export function suspensionCutoff(now: Date): Date {
  return new Date(now.getTime() - REVIEW_GRACE_DAYS * DAY_MS);
}

// Suspends every active grant whose review is overdue past the grace period; returns what it
// suspended so the caller can tell the admins. Conditional update: safe with several sweepers.
export async function suspendOverdueGrants(now = new Date()) {
  const overdue = await db().roleGrant.findMany({
    where: { revokedAt: null, suspendedAt: null, reviewDueAt: { lt: suspensionCutoff(now) } },
    include: { user: { select: { email: true } } },
  });
  const suspended: { grantId: string; email: string; role: string }[] = [];
  for (const grant of overdue) {
    const { count } = await db().roleGrant.updateMany({ where: { id: grant.id, suspendedAt: null, revokedAt: null }, data: { suspendedAt: now } });
    if (count === 0) continue;
    await appendAudit({ actor: { id: null, label: "sweeper" }, action: "role.suspend", target: { type: "user", id: grant.userId }, details: { role: grant.role, grantId: grant.id, reason: "review overdue" }, at: now });
    suspended.push({ grantId: grant.id, email: grant.user.email, role: grant.role });
  }
  return suspended;
}
