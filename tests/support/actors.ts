import type { Actor } from "@/lib/auth/actor";
import { permissionsOf, type Role } from "@/lib/auth/policy";
import { scopesOf } from "@/lib/auth/scope";

// An Actor as actorForUser would resolve it, from grants given by hand (no database rows): for
// tests of lib functions that take an actor. siteId null (the default) covers every site.
export function actorWithGrants(grants: { role: Exclude<Role, "customer">; siteId?: string | null }[], who: { userId?: string; email?: string } = {}): Actor {
  const active = grants.map((g) => ({ role: g.role, siteId: g.siteId ?? null }));
  const roles = [...new Set<Role>(["customer", ...active.map((g) => g.role)])];
  return { userId: who.userId ?? "test-user", email: who.email ?? "test-user@test.example", roles, permissions: permissionsOf(roles), scopes: scopesOf(active) };
}
