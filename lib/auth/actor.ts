import "server-only";
import { getServerSession } from "next-auth";
import { db } from "@/lib/db/client";
import { authOptions } from "@/lib/auth/options";
import { isGrantActive, isRole, permissionsOf, type Permission, type Role } from "@/lib/auth/policy";

// Who is acting, resolved on every request from the database so that a revoked, suspended or
// expired grant, or a deactivated account, takes effect on the very next request.
export type Actor = {
  userId: string;
  email: string;
  roles: Role[];
  permissions: ReadonlySet<Permission>;
  // The sites the staff roles cover: "all", or the ids of the sites granted one by one.
  siteScope: "all" | string[];
};

export async function actorForUser(userId: string, now = new Date()): Promise<Actor | null> {
  const user = await db().user.findUnique({ where: { id: userId }, include: { grants: true } });
  if (!user || user.deactivatedAt) return null;
  const active = user.grants.filter((g) => isGrantActive(g, now) && isRole(g.role));
  // Anyone who can sign in may open and follow their own tickets.
  const roles = [...new Set<Role>(["customer", ...active.map((g) => g.role as Role)])];
  const siteScope = active.some((g) => g.siteId === null) ? "all" : [...new Set(active.map((g) => g.siteId!))];
  return { userId: user.id, email: user.email, roles, permissions: permissionsOf(roles), siteScope };
}

export async function currentActor(): Promise<Actor | null> {
  const session = await getServerSession(authOptions());
  const userId = session?.user?.id;
  return userId ? actorForUser(userId) : null;
}
