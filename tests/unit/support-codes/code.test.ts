import { describe, expect, it } from "vitest";
import { formatSupportCode, newSupportCode, normalizeSupportCode, SUPPORT_CODE_ALPHABET, SUPPORT_CODE_LENGTH } from "@/lib/support-codes/code";

describe("support codes", () => {
  it("read as RD-XXXX-XXXX in Crockford's base32, without I, L, O or U", () => {
    expect(SUPPORT_CODE_ALPHABET).toHaveLength(32);
    expect(SUPPORT_CODE_ALPHABET).not.toMatch(/[ILOU]/);
    for (let i = 0; i < 200; i++) expect(newSupportCode()).toMatch(/^RD-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it("carry 40 bits: every byte, every bit, maps to its own code", () => {
    expect(SUPPORT_CODE_LENGTH * Math.log2(SUPPORT_CODE_ALPHABET.length)).toBeGreaterThanOrEqual(40);
    expect(formatSupportCode(new Uint8Array([0, 0, 0, 0, 0]))).toBe("RD-0000-0000");
    expect(formatSupportCode(new Uint8Array([255, 255, 255, 255, 255]))).toBe("RD-ZZZZ-ZZZZ");
    expect(formatSupportCode(new Uint8Array([0, 0, 0, 0, 1]))).toBe("RD-0000-0001");
    expect(formatSupportCode(new Uint8Array([128, 0, 0, 0, 0]))).toBe("RD-G000-0000");
    const seen = new Set<string>();
    for (let bit = 0; bit < 40; bit++) {
      const bytes = new Uint8Array(5);
      bytes[Math.floor(bit / 8)] = 1 << bit % 8;
      seen.add(formatSupportCode(bytes));
    }
    expect(seen.size).toBe(40);
    expect(() => formatSupportCode(new Uint8Array(4))).toThrow();
  });

  it("are random", () => {
    const codes = new Set(Array.from({ length: 1000 }, newSupportCode));
    expect(codes.size).toBe(1000);
  });

  it("normalise what people type or hear", () => {
    expect(normalizeSupportCode("RD-7KQ2-M9XF")).toBe("7KQ2M9XF");
    expect(normalizeSupportCode(" rd 7kq2 m9xf ")).toBe("7KQ2M9XF");
    expect(normalizeSupportCode("7KQ2-M9XF")).toBe("7KQ2M9XF");
    expect(normalizeSupportCode("RD-O1IL-oilo")).toBe("01110110");
    expect(normalizeSupportCode("RD_7KQ2.M9XF")).toBe("7KQ2M9XF");
    // "RD" is also a valid start of the 8 characters themselves.
    expect(normalizeSupportCode("RDRD-M9XF")).toBe("RDRDM9XF");
  });

  it("refuse what is not a code", () => {
    for (const bad of ["", "RD-7KQ2", "RD-7KQ2-M9XF-1", "RD-7KQU-M9XF", "RD-7KQ2-M9X!", "XX-7KQ2-M9XF"]) expect(normalizeSupportCode(bad)).toBeNull();
  });
});
