import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { auditActor, requireAllSites } from "@/lib/auth/scope";
import type { ActingUser } from "@/lib/users/grants";

// Staff management reaches every site (an invitation may cover all of them), so it needs an admin
// grant that covers every site; returns who to record in the audit log.
export function staffManager(actor: Actor): ActingUser {
  requireAllSites(actor, "user:manage", "Managing staff");
  return auditActor(actor);
}
