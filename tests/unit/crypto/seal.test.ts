import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { fromBase64, generateVaultKeyPair, openSealedBytes, sealBytes, toBase64 } from "@/lib/crypto/seal";

const HEADER = 1 + 65 + 12;
const encoder = new TextEncoder();

// toEqual walks big arrays element by element (seconds for 5 MB); compare natively instead.
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

describe("base64 helpers", () => {
  it("match Node's encoder for arbitrary bytes (property)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        const encoded = toBase64(bytes);
        expect(encoded).toBe(Buffer.from(bytes).toString("base64"));
        expect(fromBase64(encoded)).toEqual(bytes);
        expect(fromBase64(Buffer.from(bytes).toString("base64url"))).toEqual(bytes);
      }),
    );
  });

  it("handle 5 MB without exceeding the call stack", () => {
    const big = new Uint8Array(5 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 65536) globalThis.crypto.getRandomValues(big.subarray(i, i + 65536));
    const encoded = toBase64(big);
    expect(encoded).toBe(Buffer.from(big).toString("base64"));
    expect(sameBytes(fromBase64(encoded), big)).toBe(true);
  });
});

describe("sealed box", () => {
  it("generates base64 SPKI / PKCS8 P-256 keys", async () => {
    const { publicKey, privateKey } = await generateVaultKeyPair();
    expect(fromBase64(publicKey).length).toBe(91);
    expect(fromBase64(privateKey).length).toBeGreaterThan(60);
  });

  it("round-trips and has the documented layout", async () => {
    const { publicKey, privateKey } = await generateVaultKeyPair();
    const plaintext = encoder.encode("customer typed this");
    const sealed = await sealBytes(publicKey, plaintext);
    expect(sealed.length).toBe(HEADER + plaintext.length + 16);
    expect(sealed[0]).toBe(1);
    expect(sealed[1]).toBe(4);
    expect(await openSealedBytes(privateKey, sealed)).toEqual(plaintext);
    expect(await openSealedBytes(privateKey, await sealBytes(publicKey, new Uint8Array(0)))).toEqual(new Uint8Array(0));
  });

  it("accepts Node Buffers (views into a shared pool) as plaintext", async () => {
    const { publicKey, privateKey } = await generateVaultKeyPair();
    const buffer = Buffer.from("pooled");
    expect(Buffer.from(await openSealedBytes(privateKey, await sealBytes(publicKey, buffer))).toString()).toBe("pooled");
  });

  it("differs every time (ephemeral key and IV)", async () => {
    const { publicKey } = await generateVaultKeyPair();
    const plaintext = encoder.encode("same input");
    const a = await sealBytes(publicKey, plaintext);
    const b = await sealBytes(publicKey, plaintext);
    expect(toBase64(a)).not.toBe(toBase64(b));
    expect(toBase64(a.subarray(1, 66))).not.toBe(toBase64(b.subarray(1, 66)));
    expect(toBase64(a.subarray(66, HEADER))).not.toBe(toBase64(b.subarray(66, HEADER)));
  });

  it("opens only with the matching private key", async () => {
    const alice = await generateVaultKeyPair();
    const mallory = await generateVaultKeyPair();
    const sealed = await sealBytes(alice.publicKey, encoder.encode("secret"));
    await expect(openSealedBytes(mallory.privateKey, sealed)).rejects.toThrow("sealed box could not be opened");
  });

  it("fails when any single byte is flipped or the box is truncated", async () => {
    const { publicKey, privateKey } = await generateVaultKeyPair();
    const sealed = await sealBytes(publicKey, encoder.encode("tamper me"));
    for (let i = 0; i < sealed.length; i++) {
      const copy = sealed.slice();
      copy[i] = (copy[i] ?? 0) ^ 0x01;
      await expect(openSealedBytes(privateKey, copy)).rejects.toThrow("sealed box could not be opened");
    }
    await expect(openSealedBytes(privateKey, sealed.subarray(0, sealed.length - 1))).rejects.toThrow();
    await expect(openSealedBytes(privateKey, sealed.subarray(0, HEADER + 15))).rejects.toThrow();
    await expect(openSealedBytes(privateKey, new Uint8Array(0))).rejects.toThrow();
  });

  it("round-trips 5 MB through seal and the base64 helpers", async () => {
    const { publicKey, privateKey } = await generateVaultKeyPair();
    const big = new Uint8Array(5 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 65536) globalThis.crypto.getRandomValues(big.subarray(i, i + 65536));
    const transported = toBase64(await sealBytes(publicKey, big));
    expect(sameBytes(await openSealedBytes(privateKey, fromBase64(transported)), big)).toBe(true);
  });
});
