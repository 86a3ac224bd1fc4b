import { describe, expect, it } from "vitest";
import { coversSite, requireAllSites, scopeFor, scopesOf, siteIdWhere } from "@/lib/auth/scope";

const actor = (grants: Parameters<typeof scopesOf>[0]) => ({ userId: "u", email: "u@test.example", scopes: scopesOf(grants) });

describe("site scope per permission (finding H1)", () => {
  it("gives each permission the sites of the grants conferring it, not of every grant", () => {
    const mixed = actor([{ role: "agent", siteId: null }, { role: "admin", siteId: "a" }]);
    expect(scopeFor(mixed, "ticket:read")).toBe("all");
    expect(scopeFor(mixed, "user:manage")).toEqual(["a"]);
    expect(scopeFor(mixed, "site:configure")).toEqual(["a"]);
    expect(() => requireAllSites(mixed, "user:manage", "Managing staff")).toThrow(/every site/);
  });

  it("unions the sites of several grants of roles sharing a permission, and 'all' wins", () => {
    const two = actor([{ role: "agent", siteId: "b" }, { role: "supervisor", siteId: "a" }]);
    expect(scopeFor(two, "replay:view")).toEqual(["a", "b"]);
    expect(scopeFor(two, "unmask:approve")).toEqual(["a"]);
    expect(coversSite(two, "unmask:approve", "b")).toBe(false);
    expect(scopeFor(actor([{ role: "agent", siteId: "b" }, { role: "agent", siteId: null }]), "replay:view")).toBe("all");
  });

  it("reaches no site for a permission not held, and customers' own-ticket permissions are not site-bound", () => {
    const customer = actor([]);
    expect(siteIdWhere(customer, "ticket:read")).toEqual({ siteId: { in: [] } });
    expect(scopeFor(customer, "ticket:read-own")).toBe("all");
  });
});
