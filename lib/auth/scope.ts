// Site scope, per permission: a grant's sites apply to the permissions of that grant's role only,
// so an admin of one site who is also an agent everywhere administers that one site, and an
// all-sites admin who is an agent on one site sees that one site's queue. Every query and page
// that is limited to sites asks here, by permission; nothing computes scope by hand. Pure (no I/O).
import { AppError } from "@/lib/errors";
import { ROLE_PERMISSIONS, type Permission, type Role } from "@/lib/auth/policy";

export type SiteScope = "all" | readonly string[];
export type ScopedActor = { userId: string; email: string; scopes: ReadonlyMap<Permission, SiteScope> };

// Customer permissions are about one's own tickets and account, on whatever site: never site-bound.
const UNSCOPED_ROLES: readonly Role[] = ["customer"];

export function scopesOf(grants: readonly { role: Role; siteId: string | null }[]): Map<Permission, SiteScope> {
  const sites = new Map<Permission, Set<string> | "all">();
  const add = (permission: Permission, siteId: string | null) => {
    const current = sites.get(permission);
    if (current === "all") return;
    if (siteId === null) return void sites.set(permission, "all");
    sites.set(permission, (current ?? new Set<string>()).add(siteId));
  };
  for (const role of UNSCOPED_ROLES) for (const p of ROLE_PERMISSIONS[role]) add(p, null);
  for (const g of grants) for (const p of ROLE_PERMISSIONS[g.role]) add(p, g.siteId);
  return new Map([...sites].map(([p, s]) => [p, s === "all" ? "all" : [...s].sort()]));
}

// The sites `permission` reaches for this actor: "all", some ids, or none (an empty list).
export function scopeFor(actor: ScopedActor, permission: Permission): SiteScope {
  return actor.scopes.get(permission) ?? [];
}

export function coversAllSites(actor: ScopedActor, permission: Permission): boolean {
  return scopeFor(actor, permission) === "all";
}

export function coversSite(actor: ScopedActor, permission: Permission, siteId: string): boolean {
  const scope = scopeFor(actor, permission);
  return scope === "all" || scope.includes(siteId);
}

// A Prisma filter on a siteId column: nothing extra for "all", the granted ids otherwise (an
// empty list matches no row, so a missing permission reaches nothing).
export function siteIdWhere(actor: ScopedActor, permission: Permission): { siteId?: { in: string[] } } {
  const scope = scopeFor(actor, permission);
  return scope === "all" ? {} : { siteId: { in: [...scope] } };
}

// The same filter for the Site model itself.
export function siteWhere(actor: ScopedActor, permission: Permission): { id?: { in: string[] } } {
  const scope = scopeFor(actor, permission);
  return scope === "all" ? {} : { id: { in: [...scope] } };
}

// Acts that reach beyond one site (creating sites, managing staff: an invitation may cover every
// site) need the permission on every site, or a one-site admin could hand out access to others.
export function requireAllSites(actor: ScopedActor, permission: Permission, what: string): void {
  if (!coversAllSites(actor, permission)) throw new AppError("forbidden", `${what} needs a role that covers every site.`);
}

// Who is acting, as the audit log records staff.
export function auditActor(actor: ScopedActor): { id: string; label: string } {
  return { id: actor.userId, label: actor.email };
}
