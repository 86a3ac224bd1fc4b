import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";

// Visibility lives in the query: an admin whose grants cover some sites only reaches those.
export function siteWhereFor(actor: Actor) {
  return actor.siteScope === "all" ? {} : { id: { in: actor.siteScope } };
}

// Acts that reach beyond one site (creating sites, managing staff) need a grant on every site,
// or a site-limited admin could hand out access to sites they do not cover.
export function requireAllSites(actor: Actor, what: string): void {
  if (actor.siteScope !== "all") throw new AppError("forbidden", `${what} needs a role that covers every site.`);
}

export function actingUser(actor: Actor) {
  return { id: actor.userId, label: actor.email };
}
