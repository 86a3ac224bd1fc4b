import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  checkPseudonymSignature, isPseudonym, linkingPseudonym, MAX_SIGNATURE_LIFETIME_SECONDS, newPseudonymSecret, parsePseudonymSecret, pseudonymize,
  pseudonymSignature, sitePseudonymKey,
} from "@/lib/crypto/pseudonym";

const SECRET = "test-pseudonym-secret-0123456789abcdef";

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

  it("a signature verifies only for its site key, pseudonym and expiry, until it expires, and never for more than 24 hours", () => {
    const key = parsePseudonymSecret(newPseudonymSecret());
    const now = 1_900_000_000;
    const pseudonym = pseudonymize(sitePseudonymKey(SECRET, "site_a", 1), "user-42");
    const signature = pseudonymSignature(key, "pk_site_a_0000000001", pseudonym, now + 600);
    expect(checkPseudonymSignature(key, "pk_site_a_0000000001", pseudonym, signature, now)).toBe("valid");
    expect(checkPseudonymSignature(key, "pk_site_b_0000000001", pseudonym, signature, now)).toBe("mismatch");
    expect(checkPseudonymSignature(key, "pk_site_a_0000000001", pseudonymize(sitePseudonymKey(SECRET, "site_a", 1), "user-43"), signature, now)).toBe("mismatch");
    expect(checkPseudonymSignature(parsePseudonymSecret(newPseudonymSecret()), "pk_site_a_0000000001", pseudonym, signature, now)).toBe("mismatch");
    expect(checkPseudonymSignature(key, "pk_site_a_0000000001", pseudonym, signature.replace(String(now + 600), String(now + 900)), now)).toBe("mismatch");
    expect(checkPseudonymSignature(key, "pk_site_a_0000000001", pseudonym, signature, now + 600)).toBe("expired");
    const longLived = pseudonymSignature(key, "pk_site_a_0000000001", pseudonym, now + MAX_SIGNATURE_LIFETIME_SECONDS + 1);
    expect(checkPseudonymSignature(key, "pk_site_a_0000000001", pseudonym, longLived, now)).toBe("too-long");
    for (const bad of ["", "abc", `${now + 600}`, `${now + 600}.short`, `-1.${signature.split(".")[1]}`, `${signature} `]) {
      expect(checkPseudonymSignature(key, "pk_site_a_0000000001", pseudonym, bad, now)).toBe("malformed");
    }
  });

  it("signing secrets are 32 random bytes with their prefix; anything else is refused", () => {
    const secret = newPseudonymSecret();
    expect(secret).toMatch(/^rdps_[A-Za-z0-9_-]{43}$/);
    expect(parsePseudonymSecret(secret)).toHaveLength(32);
    expect(newPseudonymSecret()).not.toBe(secret);
    for (const bad of ["", secret.slice(5), `rdt_${secret.slice(5)}`, secret.slice(0, -1), `${secret}A`]) expect(() => parsePseudonymSecret(bad)).toThrow();
  });

  it("a verified pseudonym is stored re-keyed per key version: the same value after a rotation links to nothing older", () => {
    const pseudonym = pseudonymize(sitePseudonymKey(SECRET, "site_a", 1), "user-42");
    const v2 = linkingPseudonym(sitePseudonymKey(SECRET, "site_a", 2), pseudonym);
    expect(linkingPseudonym(sitePseudonymKey(SECRET, "site_a", 2), pseudonym)).toBe(v2);
    expect(linkingPseudonym(sitePseudonymKey(SECRET, "site_a", 3), pseudonym)).not.toBe(v2);
    expect(v2).not.toBe(pseudonym);
    expect(isPseudonym(v2)).toBe(true);
  });
});
