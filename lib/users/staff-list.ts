import "server-only";
import { db } from "@/lib/db/client";
import { isGrantActive } from "@/lib/auth/policy";

// The users page: every account that holds or held a staff grant, with the grants in force
// (suspended ones too, marked), and the plain customers counted, not listed.
export async function listStaff(now = new Date()) {
  const users = await db().user.findMany({
    where: { grants: { some: {} } },
    orderBy: { email: "asc" },
    include: { grants: { where: { revokedAt: null }, include: { site: { select: { name: true } } }, orderBy: { grantedAt: "asc" } } },
  });
  const customers = await db().user.count({ where: { grants: { none: {} } } });
  return {
    customers,
    staff: users.map((u) => ({
      id: u.id,
      email: u.email,
      deactivated: u.deactivatedAt !== null,
      grants: u.grants
        .filter((g) => isGrantActive(g, now) || (g.suspendedAt !== null && (g.expiresAt === null || g.expiresAt > now)))
        .map((g) => ({ id: g.id, role: g.role, site: g.site?.name ?? null, reviewDueAt: g.reviewDueAt, expiresAt: g.expiresAt, suspended: g.suspendedAt !== null })),
    })),
  };
}
