import { describe, expect, it } from "vitest";
import { isCustodial, newCustodySecret, parseCustodySecret } from "@/lib/crypto/vault-custody";

describe("the M2 custody secret (privacy point 6)", () => {
  it("is 160 random bits, shown as 8 groups of 4 Crockford base32 characters, different every time", () => {
    const a = newCustodySecret();
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){7}$/);
    expect(parseCustodySecret(a)).toHaveLength(20);
    expect(newCustodySecret()).not.toBe(a);
  });

  it("reads back what the custodian types: any case, spaces or dashes, O for 0 and I or L for 1", () => {
    const secret = newCustodySecret();
    const bytes = parseCustodySecret(secret)!;
    expect(parseCustodySecret(secret.toLowerCase().replaceAll("-", " "))).toEqual(bytes);
    expect(parseCustodySecret(` ${secret.replaceAll("-", "")} `)).toEqual(bytes);
    const zeros = "0000-0000-0000-0000-0000-0000-0000-0001";
    expect(parseCustodySecret(zeros.replaceAll("0", "O").replace(/1$/, "l"))).toEqual(parseCustodySecret(zeros));
  });

  it("is refused when it cannot be a secret", () => {
    expect(parseCustodySecret("")).toBeNull();
    expect(parseCustodySecret(newCustodySecret().slice(0, -1))).toBeNull();
    expect(parseCustodySecret(`${newCustodySecret()}A`)).toBeNull();
    expect(parseCustodySecret("UUUU-UUUU-UUUU-UUUU-UUUU-UUUU-UUUU-UUUU")).toBeNull(); // U is not in the alphabet
  });

  it("names the scheme of a custodian's key", () => {
    expect(isCustodial("vc1.salt.v1.iv.body")).toBe(true);
    expect(isCustodial("vk1.v1.iv.body")).toBe(false);
    expect(isCustodial("v1.iv.body")).toBe(false);
  });
});
