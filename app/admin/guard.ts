import "server-only";
import { forbidden, redirect } from "next/navigation";
import { currentActor, type Actor } from "@/lib/auth/actor";
import { can, type Permission } from "@/lib/auth/policy";

// The admin area's pages (overview, permission table) open to anyone holding one of its
// permissions; each section's own page asks for its named permission.
export const ADMIN_AREA_PERMISSIONS: readonly Permission[] = ["user:manage", "site:configure", "audit:read", "retention:read", "privacy:rights", "outbox:manage"];

export async function requireAdminArea(returnTo: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!ADMIN_AREA_PERMISSIONS.some((p) => can(actor, p))) forbidden();
  return actor;
}
