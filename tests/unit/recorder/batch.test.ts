import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { gunzipSync } from "node:zlib";
import { MAX_BATCH_BYTES_DECOMPRESSED, MAX_EVENTS_PER_BATCH, MAX_VAULT_BYTES_DECOMPRESSED } from "@/lib/replay/protocol";
import { batchJson, encodeBatch, splitEntries, type BatchHeader } from "@/lib/recorder/batch";
import { makeEntry, type BufferEntry } from "@/lib/recorder/buffer";
import { nativeGzip } from "@/lib/recorder/compress";

const entry = (t: number, size = 10, raw: string | null = null): BufferEntry =>
  makeEntry(t, false, JSON.stringify({ type: 3, data: { pad: "x".repeat(size) }, timestamp: t }), raw);

const header: BatchHeader = { v: 1, siteKey: "pk_0123456789abcdef0123", sessionId: "s_AAAAAAAAAAAAAAAAAAAAAA", consent: "cp_proof_of_consent_0001", page: { url: "https://shop.test/cart" } };

describe("splitEntries", () => {
  it("respects the event and byte limits, keeps order and loses nothing (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2000 }), { maxLength: 400 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 100, max: 5000 }),
        (sizes, maxEvents, maxBytes) => {
          const entries = sizes.map((s, i) => entry(i, s));
          const groups = splitEntries(entries, { maxEvents, maxBytes, vault: false });
          expect(groups.flat()).toEqual(entries);
          for (const g of groups) {
            expect(g.length).toBeGreaterThan(0);
            expect(g.length).toBeLessThanOrEqual(maxEvents);
            const bytes = g.reduce((n, e) => n + e.bytes, 0);
            // Over the byte target only when one event is that big on its own.
            if (g.length > 1) expect(bytes).toBeLessThanOrEqual(maxBytes);
          }
        },
      ),
    );
  });

  it("caps batches at MAX_EVENTS_PER_BATCH with the default limits", () => {
    const entries = Array.from({ length: MAX_EVENTS_PER_BATCH * 2 + 1 }, (_, i) => entry(i, 0));
    const groups = splitEntries(entries, { maxEvents: MAX_EVENTS_PER_BATCH, maxBytes: 1e12, vault: false });
    expect(groups.map((g) => g.length)).toEqual([MAX_EVENTS_PER_BATCH, MAX_EVENTS_PER_BATCH, 1]);
  });

  it("never mixes events with and without their vault copy", () => {
    const entries = [entry(0), entry(1), entry(2, 10, "{}"), entry(3, 10, "{}"), entry(4)];
    const groups = splitEntries(entries, { maxEvents: 100, maxBytes: 1e9, vault: true });
    expect(groups.map((g) => g.map((e) => e.timestamp))).toEqual([[0, 1], [2, 3], [4]]);
  });
});

describe("encodeBatch", () => {
  it("builds the IngestBatch JSON around the serialized events", () => {
    const json = batchJson({ ...header, trigger: { reason: "ticket", kind: "ticket" } }, 7, [entry(1).masked, entry(2).masked]);
    const parsed = JSON.parse(json);
    expect(parsed).toMatchObject({ v: 1, seq: 7, sessionId: header.sessionId, consent: header.consent, trigger: { reason: "ticket", kind: "ticket" } });
    expect(parsed.events.map((e: { timestamp: number }) => e.timestamp)).toEqual([1, 2]);
    expect(parsed.vault).toBeUndefined();
  });

  it("gzips the body when the browser can", async () => {
    const encoded = await encodeBatch(header, 0, [entry(1, 5000)], { gzip: nativeGzip, seal: null });
    expect(encoded?.body).toBeInstanceOf(Uint8Array);
    const body = encoded!.body as Uint8Array;
    expect([body[0], body[1]]).toEqual([0x1f, 0x8b]);
    expect(JSON.parse(gunzipSync(body).toString("utf8")).events).toHaveLength(1);
    expect(encoded!.bytes).toBe(body.length);
  });

  it("sends plain JSON text without CompressionStream", async () => {
    const encoded = await encodeBatch(header, 3, [entry(1)], { gzip: async () => null, seal: null });
    expect(typeof encoded?.body).toBe("string");
    expect(JSON.parse(encoded!.body as string).seq).toBe(3);
  });

  it("seals the gzipped unmasked copy of exactly the batch's events", async () => {
    const sealed: Uint8Array[] = [];
    const seal = async (plaintext: Uint8Array) => {
      sealed.push(plaintext);
      return "c2VhbGVk";
    };
    const entries = [entry(1, 10, '{"type":3,"data":{"text":"secret"},"timestamp":1}'), entry(2, 10, '{"type":3,"data":{},"timestamp":2}')];
    const encoded = await encodeBatch(header, 0, entries, { gzip: nativeGzip, seal });
    expect(JSON.parse(gunzipSync(encoded!.body as Uint8Array).toString()).vault).toBe("c2VhbGVk");
    expect(JSON.parse(gunzipSync(sealed[0]!).toString())).toEqual([
      { type: 3, data: { text: "secret" }, timestamp: 1 },
      { type: 3, data: {}, timestamp: 2 },
    ]);
    // Without the unmasked copy of every event, no vault at all.
    const partial = await encodeBatch(header, 1, [entries[0]!, entry(3)], { gzip: async () => null, seal });
    expect(JSON.parse(partial!.body as string).vault).toBeUndefined();
  });

  it("refuses a batch whose unmasked copy inflates past the limit the server's vault reader allows (M4)", async () => {
    // Compresses to almost nothing, so only its own size can catch it: the server cannot look
    // inside the sealed copy before an approved viewing opens it.
    const raw = JSON.stringify({ type: 3, data: { pad: "x".repeat(MAX_VAULT_BYTES_DECOMPRESSED) }, timestamp: 1 });
    const seal = async () => "c2VhbGVk";
    expect(await encodeBatch(header, 0, [entry(1, 10, raw)], { gzip: nativeGzip, seal })).toBeNull();
    expect(await encodeBatch(header, 0, [entry(1, 10, raw.slice(0, 1000) + '"}}')], { gzip: nativeGzip, seal })).not.toBeNull();
  });

  it("refuses a batch over the decompressed limit (the caller splits or drops it)", async () => {
    const huge = entry(1, MAX_BATCH_BYTES_DECOMPRESSED + 1);
    expect(await encodeBatch(header, 0, [huge], { gzip: nativeGzip, seal: null })).toBeNull();
  });
});
