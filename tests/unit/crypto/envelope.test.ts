import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { randomBytes } from "node:crypto";
import {
  decryptChunk,
  encryptChunk,
  newDataKey,
  openWithMaster,
  parseMasterKey,
  sealWithMaster,
  unwrapDataKey,
  wrapDataKey,
} from "@/lib/crypto/envelope";

const master = randomBytes(32);

function flipByte(bytes: Uint8Array, index: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[index] = (copy[index] ?? 0) ^ 0x01;
  return copy;
}

// Tamper with the decoded bytes of one part of a "v1.<iv>.<body>" string.
function tamperCompact(compact: string, part: 1 | 2, index: number): string {
  const parts = compact.split(".");
  const bytes = Buffer.from(parts[part] ?? "", "base64url");
  parts[part] = flipByte(bytes, index % bytes.length).toString("base64url");
  return parts.join(".");
}

describe("parseMasterKey", () => {
  it("accepts base64 and base64url of 32 bytes", () => {
    const key = randomBytes(32);
    expect(parseMasterKey(key.toString("base64")).equals(key)).toBe(true);
    expect(parseMasterKey(key.toString("base64url")).equals(key)).toBe(true);
    expect(parseMasterKey(`  ${key.toString("base64")}\n`).equals(key)).toBe(true);
  });

  it("rejects wrong lengths and garbage without echoing the value", () => {
    const candidates = [
      randomBytes(16).toString("base64"),
      randomBytes(31).toString("base64"),
      randomBytes(33).toString("base64url"),
      randomBytes(64).toString("base64"),
      "",
      "not a key!!! definitely-not-base64 " + randomBytes(32).toString("hex"),
      randomBytes(32).toString("hex"),
    ];
    for (const value of candidates) {
      let message = "";
      expect(() => {
        try {
          parseMasterKey(value);
        } catch (error) {
          message = (error as Error).message;
          throw error;
        }
      }).toThrow(/32 bytes/);
      if (value.trim()) expect(message).not.toContain(value.trim());
    }
  });
});

describe("data key wrapping", () => {
  it("round-trips and produces the compact v1 format", () => {
    const dataKey = newDataKey();
    expect(dataKey.length).toBe(32);
    const wrapped = wrapDataKey(master, dataKey);
    expect(wrapped).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{64}$/);
    expect(unwrapDataKey(master, wrapped).equals(dataKey)).toBe(true);
  });

  it("uses a fresh IV per wrap", () => {
    const dataKey = newDataKey();
    const a = wrapDataKey(master, dataKey);
    const b = wrapDataKey(master, dataKey);
    expect(a).not.toBe(b);
    expect(a.split(".")[1]).not.toBe(b.split(".")[1]);
    expect(unwrapDataKey(master, a).equals(unwrapDataKey(master, b))).toBe(true);
  });

  it("fails with the wrong master key", () => {
    const wrapped = wrapDataKey(master, newDataKey());
    expect(() => unwrapDataKey(randomBytes(32), wrapped)).toThrow("could not unwrap data key");
  });

  it("fails when any byte of IV or ciphertext+tag is flipped, or the version changes", () => {
    const wrapped = wrapDataKey(master, newDataKey());
    for (let i = 0; i < 12; i++) expect(() => unwrapDataKey(master, tamperCompact(wrapped, 1, i))).toThrow();
    for (let i = 0; i < 48; i++) expect(() => unwrapDataKey(master, tamperCompact(wrapped, 2, i))).toThrow();
    expect(() => unwrapDataKey(master, wrapped.replace(/^v1/, "v2"))).toThrow();
    expect(() => unwrapDataKey(master, wrapped + "A")).toThrow();
    expect(() => unwrapDataKey(master, "garbage")).toThrow();
  });

  it("rejects keys of the wrong size", () => {
    expect(() => wrapDataKey(randomBytes(16), newDataKey())).toThrow(/master key/);
    expect(() => wrapDataKey(master, randomBytes(16))).toThrow(/data key/);
  });
});

describe("chunk encryption", () => {
  const dataKey = newDataKey();
  const aad = "sess_1:events:0";

  it("round-trips arbitrary payloads (property)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), fc.string(), (plaintext, extra) => {
        const payload = encryptChunk(dataKey, plaintext, aad + extra);
        expect(payload.length).toBe(1 + 12 + plaintext.length + 16);
        expect(payload[0]).toBe(1);
        expect(decryptChunk(dataKey, payload, aad + extra).equals(Buffer.from(plaintext))).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it("fails when any single byte is flipped (version, IV, ciphertext, tag)", () => {
    const payload = encryptChunk(dataKey, Buffer.from("hello replay"), aad);
    for (let i = 0; i < payload.length; i++) {
      expect(() => decryptChunk(dataKey, flipByte(payload, i), aad)).toThrow("could not decrypt chunk");
    }
    expect(() => decryptChunk(dataKey, payload.subarray(0, payload.length - 1), aad)).toThrow();
    expect(() => decryptChunk(dataKey, payload.subarray(0, 10), aad)).toThrow();
    expect(() => decryptChunk(dataKey, new Uint8Array(0), aad)).toThrow();
  });

  it("fails with the wrong key or when moved to another session or position", () => {
    const payload = encryptChunk(dataKey, Buffer.from("hello replay"), aad);
    expect(() => decryptChunk(newDataKey(), payload, aad)).toThrow();
    expect(() => decryptChunk(dataKey, payload, "sess_2:events:0")).toThrow();
    expect(() => decryptChunk(dataKey, payload, "sess_1:events:1")).toThrow();
    expect(() => decryptChunk(dataKey, payload, "sess_1:console:0")).toThrow();
  });

  it("does not leak plaintext or key material in errors", () => {
    const secret = "card 4111111111111111";
    const payload = encryptChunk(dataKey, Buffer.from(secret), aad);
    try {
      decryptChunk(newDataKey(), payload, aad);
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).not.toContain(secret);
      expect(message).not.toContain(dataKey.toString("base64"));
      expect(message).not.toContain(dataKey.toString("hex"));
    }
  });
});

describe("sealWithMaster", () => {
  const secret = Buffer.from("vault private key material");

  it("round-trips and differs per seal", () => {
    const a = sealWithMaster(master, secret, "site-vault-key");
    const b = sealWithMaster(master, secret, "site-vault-key");
    expect(a).not.toBe(b);
    expect(openWithMaster(master, a, "site-vault-key").equals(secret)).toBe(true);
    expect(openWithMaster(master, b, "site-vault-key").equals(secret)).toBe(true);
  });

  it("cannot be opened for another purpose, with another key, or after tampering", () => {
    const sealed = sealWithMaster(master, secret, "site-vault-key");
    expect(() => openWithMaster(master, sealed, "smtp-password")).toThrow("could not open sealed secret");
    expect(() => openWithMaster(master, sealed, "")).toThrow();
    expect(() => openWithMaster(randomBytes(32), sealed, "site-vault-key")).toThrow();
    for (let i = 0; i < 12; i++) expect(() => openWithMaster(master, tamperCompact(sealed, 1, i), "site-vault-key")).toThrow();
    for (let i = 0; i < secret.length + 16; i++) {
      expect(() => openWithMaster(master, tamperCompact(sealed, 2, i), "site-vault-key")).toThrow();
    }
  });

  it("keeps wrapped data keys and sealed secrets in separate domains", () => {
    const dataKey = newDataKey();
    const wrapped = wrapDataKey(master, dataKey);
    expect(() => openWithMaster(master, wrapped, "replaydesk:data-key:v1")).toThrow();
    expect(() => openWithMaster(master, wrapped, "data-key")).toThrow();
    const sealedKey = sealWithMaster(master, dataKey, "data-key");
    expect(() => unwrapDataKey(master, sealedKey)).toThrow();
  });

  it("requires a purpose", () => {
    expect(() => sealWithMaster(master, secret, "")).toThrow(/purpose/);
  });
});
