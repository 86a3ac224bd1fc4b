import { describe, it, expect } from "vitest";
import { createHash } from "node:crypto";
import { hashToken, randomId, randomToken } from "@/lib/crypto/tokens";

describe("tokens", () => {
  it("randomToken is base64url of the requested size and unique", () => {
    const token = randomToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url").length).toBe(32);
    expect(Buffer.from(randomToken(48), "base64url").length).toBe(48);
    const seen = new Set(Array.from({ length: 1000 }, () => randomToken()));
    expect(seen.size).toBe(1000);
    expect(() => randomToken(8)).toThrow();
    expect(() => randomToken(20.5)).toThrow();
  });

  it("hashToken is SHA-256 hex and never the token itself", () => {
    const token = randomToken();
    const hash = hashToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(hash).not.toContain(token);
    expect(hashToken(token)).toBe(hash);
    expect(hashToken(randomToken())).not.toBe(hash);
  });

  it("randomId prefixes hex ids", () => {
    const id = randomId("pk");
    expect(id).toMatch(/^pk_[0-9a-f]{32}$/);
    expect(randomId("pk")).not.toBe(id);
    expect(randomId("site", 24)).toMatch(/^site_[0-9a-f]{48}$/);
    expect(() => randomId("pk_")).toThrow(/prefix/);
    expect(() => randomId("")).toThrow();
    expect(() => randomId("pk", 4)).toThrow();
  });
});
