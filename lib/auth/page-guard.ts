import "server-only";
import { forbidden, redirect } from "next/navigation";
import { currentActor, type Actor } from "@/lib/auth/actor";
import { can, type Permission } from "@/lib/auth/policy";

// Pages: signed out -> the sign-in page (then back here); signed in without the permission -> 403.
export async function requirePagePermission(permission: Permission, returnTo: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!can(actor, permission)) forbidden();
  return actor;
}
