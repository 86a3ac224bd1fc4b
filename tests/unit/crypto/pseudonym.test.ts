import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { pathToFileURL } from "node:url";
import path from "node:path";
import { isPseudonym, pseudonymize, sitePseudonymKey } from "@/lib/crypto/pseudonym";

const SECRET = "test-pseudonym-secret-0123456789abcdef";

// The publisher helper is plain .mjs (the project has allowJs off), so load it untyped and narrow.
async function loadPublisherHelper(): Promise<(siteKey: string, userId: string) => string> {
  const url = pathToFileURL(path.resolve(import.meta.dirname, "../../../lib/crypto/publisher-pseudonym.mjs")).href;
  const mod: unknown = await import(url);
  if (typeof mod !== "object" || mod === null || !("replaydeskPseudonym" in mod)) throw new Error("helper missing");
  const fn = mod.replaydeskPseudonym;
  if (typeof fn !== "function") throw new Error("helper is not a function");
  return (siteKey, userId) => String(fn(siteKey, userId));
}

describe("pseudonyms", () => {
  it("are stable for the same site and version", () => {
    const a = pseudonymize(sitePseudonymKey(SECRET, "site_a", 1), "user-42");
    const b = pseudonymize(sitePseudonymKey(SECRET, "site_a", 1), "user-42");
    expect(a).toBe(b);
    expect(isPseudonym(a)).toBe(true);
    expect(a).toMatch(/^ps_[A-Za-z0-9_-]{22}$/);
  });

  it("differ across sites, versions, secrets and users", () => {
    const base = pseudonymize(sitePseudonymKey(SECRET, "site_a", 1), "user-42");
    expect(pseudonymize(sitePseudonymKey(SECRET, "site_b", 1), "user-42")).not.toBe(base);
    expect(pseudonymize(sitePseudonymKey(SECRET, "site_a", 2), "user-42")).not.toBe(base);
    expect(pseudonymize(sitePseudonymKey(SECRET + "x", "site_a", 1), "user-42")).not.toBe(base);
    expect(pseudonymize(sitePseudonymKey(SECRET, "site_a", 1), "user-43")).not.toBe(base);
  });

  it("never contain the raw id and always have the pseudonym shape (property)", () => {
    const key = sitePseudonymKey(SECRET, "site_a", 1);
    fc.assert(
      fc.property(fc.string({ minLength: 3 }), (userId) => {
        const pseudonym = pseudonymize(key, userId);
        expect(pseudonym).not.toContain(userId);
        expect(isPseudonym(pseudonym)).toBe(true);
      }),
    );
  });

  it("isPseudonym rejects other shapes", () => {
    const valid = pseudonymize(sitePseudonymKey(SECRET, "site_a", 1), "user-42");
    for (const value of ["", "user-42", "ps_", valid + "A", valid.slice(0, -1), "PS_" + valid.slice(3), valid.slice(0, -1) + "B", `${valid} `]) {
      expect(isPseudonym(value)).toBe(false);
    }
  });

  it("reject bad inputs", () => {
    expect(() => sitePseudonymKey("", "site_a", 1)).toThrow();
    expect(() => sitePseudonymKey(SECRET, "", 1)).toThrow();
    expect(() => sitePseudonymKey(SECRET, "site_a", 1.5)).toThrow();
    expect(() => sitePseudonymKey(SECRET, "site_a", -1)).toThrow();
    expect(() => pseudonymize(Buffer.alloc(16), "user-42")).toThrow();
    expect(() => pseudonymize(sitePseudonymKey(SECRET, "site_a", 1), "")).toThrow();
  });

  it("publisher helper produces the same pseudonym as the server (property)", async () => {
    const replaydeskPseudonym = await loadPublisherHelper();
    fc.assert(
      fc.property(fc.string({ minLength: 1, unit: "grapheme" }), fc.string({ minLength: 1 }), fc.nat(), (userId, siteId, version) => {
        const siteKey = sitePseudonymKey(SECRET, siteId, version);
        expect(replaydeskPseudonym(siteKey.toString("base64url"), userId)).toBe(pseudonymize(siteKey, userId));
      }),
    );
  });

  it("publisher helper rejects a malformed site key", async () => {
    const replaydeskPseudonym = await loadPublisherHelper();
    const siteKey = sitePseudonymKey(SECRET, "site_a", 1);
    expect(() => replaydeskPseudonym(siteKey.subarray(0, 16).toString("base64url"), "u")).toThrow();
    expect(() => replaydeskPseudonym(siteKey.toString("hex"), "u")).toThrow();
    expect(() => replaydeskPseudonym(siteKey.toString("base64url"), "")).toThrow();
  });
});
