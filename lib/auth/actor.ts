import "server-only";
import { getServerSession } from "next-auth";
import { db } from "@/lib/db/client";
import { authOptions } from "@/lib/auth/options";
import { isGrantActive, isRole, permissionsOf, type Permission, type Role } from "@/lib/auth/policy";
import { scopesOf, type SiteScope } from "@/lib/auth/scope";

// Who is acting, resolved on every request from the database so that a revoked, suspended or
// expired grant, or a deactivated account, takes effect on the very next request.
export type Actor = {
  userId: string;
  email: string;
  roles: Role[];
  permissions: ReadonlySet<Permission>;
  // Per permission, the sites the grants conferring it cover (lib/auth/scope.ts reads it).
  scopes: ReadonlyMap<Permission, SiteScope>;
};

export async function actorForUser(userId: string, now = new Date()): Promise<Actor | null> {
  const user = await db().user.findUnique({ where: { id: userId }, include: { grants: true } });
  if (!user || user.deactivatedAt) return null;
  const active = user.grants.filter((g) => isGrantActive(g, now) && isRole(g.role)).map((g) => ({ role: g.role as Role, siteId: g.siteId }));
  // Anyone who can sign in may open and follow their own tickets.
  const roles = [...new Set<Role>(["customer", ...active.map((g) => g.role)])];
  return { userId: user.id, email: user.email, roles, permissions: permissionsOf(roles), scopes: scopesOf(active) };
}

export async function currentActor(): Promise<Actor | null> {
  const session = await getServerSession(authOptions());
  const userId = session?.user?.id;
  return userId ? actorForUser(userId) : null;
}
