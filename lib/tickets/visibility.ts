import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can, type Permission } from "@/lib/auth/policy";
import { siteIdWhere } from "@/lib/auth/scope";

// Visibility lives in the query, so a check and the query it guards cannot drift.

// The support queue: staff reach the tickets of the sites that their grants conferring
// `permission` cover (reading the queue by default; asking, watching or validating each by its own).
export function queueTicketWhere(actor: Actor, permission: Permission = "ticket:read") {
  if (!can(actor, permission)) return { id: "__nothing__" };
  return siteIdWhere(actor, permission);
}

// A customer's own tickets (staff included, for tickets they opened themselves), less those filed
// from a website under their address that they have not confirmed yet (lib/tickets/confirm-ticket-claim.ts).
export function ownTicketWhere(actor: Actor) {
  return can(actor, "ticket:read-own") ? { customerId: actor.userId, claim: { is: null } } : { id: "__nothing__" };
}
