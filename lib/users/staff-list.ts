import "server-only";
import { db } from "@/lib/db/client";
import { isGrantActive } from "@/lib/auth/policy";
import type { SiteScope } from "@/lib/auth/scope";

// The grants an admin may see, given the sites their user:manage grants cover (pages pass
// scopeFor(actor, "user:manage"), the operator's CLI "all"): grants on those sites, and grants
// covering every site (they reach those sites too).
export function visibleGrantWhere(scope: SiteScope) {
  return scope === "all" ? {} : { OR: [{ siteId: null }, { siteId: { in: [...scope] } }] };
}

// The users page: every account that holds or held a staff grant the actor may see, with those
// grants in force (suspended ones too, marked), and the plain customers counted, not listed (of
// the actor's sites only, for a one-site admin).
export async function listStaff(scope: SiteScope, now = new Date()) {
  const grantWhere = visibleGrantWhere(scope);
  const users = await db().user.findMany({
    where: { grants: { some: grantWhere } },
    orderBy: { email: "asc" },
    include: { grants: { where: { revokedAt: null, ...grantWhere }, include: { site: { select: { name: true } } }, orderBy: { grantedAt: "asc" } } },
  });
  const customers = await db().user.count({ where: { grants: { none: {} }, ...(scope === "all" ? {} : { tickets: { some: { siteId: { in: [...scope] } } } }) } });
  return {
    customers,
    staff: users.map((u) => ({
      id: u.id,
      email: u.email,
      deactivated: u.deactivatedAt !== null,
      grants: u.grants
        .filter((g) => isGrantActive(g, now) || (g.suspendedAt !== null && (g.expiresAt === null || g.expiresAt > now)))
        .map((g) => ({ id: g.id, role: g.role, siteId: g.siteId, site: g.site?.name ?? null, reviewDueAt: g.reviewDueAt, expiresAt: g.expiresAt, suspended: g.suspendedAt !== null })),
    })),
  };
}
