import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";

// Visibility lives in the query, so a check and the query it guards cannot drift.

// The support queue: staff see the tickets of the sites their grants cover.
export function queueTicketWhere(actor: Actor) {
  if (!can(actor, "ticket:read")) return { id: "__nothing__" };
  return actor.siteScope === "all" ? {} : { siteId: { in: actor.siteScope } };
}

// A customer's own tickets (staff included, for tickets they opened themselves).
export function ownTicketWhere(actor: Actor) {
  return can(actor, "ticket:read-own") ? { customerId: actor.userId } : { id: "__nothing__" };
}
