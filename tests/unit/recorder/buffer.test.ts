import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { EventBuffer, makeEntry, parsePersistedEvents, type BufferEntry } from "@/lib/recorder/buffer";

const META = 4;
const FULL = 2;
const INCR = 3;

function ev(type: number, timestamp: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ type, data: extra, timestamp });
}

// A snapshot as rrweb emits it: Meta then FullSnapshot.
function snapshot(t: number): BufferEntry[] {
  return [makeEntry(t, true, ev(META, t), null), makeEntry(t, false, ev(FULL, t), null)];
}
const incr = (t: number) => makeEntry(t, false, ev(INCR, t, { source: 1 }), null);

describe("EventBuffer trimming", () => {
  it("keeps a full snapshot first and respects the time window (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ gap: fc.integer({ min: 0, max: 20_000 }), checkout: fc.boolean() }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 10_000, max: 120_000 }),
        (steps, windowMs) => {
          const buffer = new EventBuffer({ windowMs, maxBytes: Number.MAX_SAFE_INTEGER });
          let t = 1_000_000;
          for (const e of snapshot(t)) buffer.push(e);
          const all: number[] = [t, t];
          for (const step of steps) {
            t += step.gap;
            const entries = step.checkout ? snapshot(t) : [incr(t)];
            for (const e of entries) {
              buffer.push(e);
              all.push(t);
            }
            buffer.trim(t);
            const kept = buffer.peek();
            // Invariant 1: whatever is kept replays from a full snapshot.
            expect(kept[0]?.snapshotStart).toBe(true);
            expect(JSON.parse(kept[1]?.masked ?? "{}").type).toBe(FULL);
            // Invariant 2: nothing inside the window was dropped.
            const inWindow = all.filter((ts) => ts >= t - windowMs).length;
            expect(kept.filter((e) => e.timestamp >= t - windowMs).length).toBe(inWindow);
            // Invariant 3: the dropped part is older than the window (the next segment starts after the cutoff).
            const secondStart = kept.findIndex((e, i) => i > 0 && e.snapshotStart);
            if (secondStart > 0) expect(kept[secondStart]!.timestamp).toBeGreaterThan(t - windowMs);
          }
        },
      ),
    );
  });

  it("with a checkout every half window, keeps at most one and a half windows", () => {
    const windowMs = 60_000;
    const buffer = new EventBuffer({ windowMs, maxBytes: Number.MAX_SAFE_INTEGER });
    for (const e of snapshot(0)) buffer.push(e);
    for (let t = 1000; t <= 600_000; t += 1000) {
      if (buffer.needsCheckout(t)) for (const e of snapshot(t)) buffer.push(e);
      else buffer.push(incr(t));
      buffer.trim(t);
      expect(t - buffer.peek()[0]!.timestamp).toBeLessThanOrEqual(windowMs * 1.5);
    }
  });

  it("asks for a checkout after half a window, and not before", () => {
    const buffer = new EventBuffer({ windowMs: 60_000, maxBytes: 1e9 });
    expect(buffer.needsCheckout(0)).toBe(false);
    for (const e of snapshot(0)) buffer.push(e);
    expect(buffer.needsCheckout(29_999)).toBe(false);
    expect(buffer.needsCheckout(30_000)).toBe(true);
  });

  it("drops old segments over the byte cap, but never the last one", () => {
    const buffer = new EventBuffer({ windowMs: 1e9, maxBytes: 400 });
    for (let s = 0; s < 5; s++) {
      for (const e of snapshot(s * 10)) buffer.push(e);
      for (let i = 1; i < 5; i++) buffer.push(incr(s * 10 + i));
      buffer.trim(s * 10 + 5);
    }
    expect(buffer.peek()[0]!.snapshotStart).toBe(true);
    expect(buffer.peek()[0]!.timestamp).toBe(40);
  });

  it("drain hands everything over and empties the buffer", () => {
    const buffer = new EventBuffer({ windowMs: 60_000, maxBytes: 1e9 });
    for (const e of snapshot(0)) buffer.push(e);
    buffer.push(incr(1));
    expect(buffer.drain()).toHaveLength(3);
    expect(buffer.length).toBe(0);
    expect(buffer.bytes).toBe(0);
  });
});

describe("persistence", () => {
  it("serializes whole segments within the size limit and parses them back", () => {
    const buffer = new EventBuffer({ windowMs: 1e9, maxBytes: 1e9 });
    for (const e of snapshot(0)) buffer.push(e);
    buffer.push(incr(1));
    for (const e of snapshot(2)) buffer.push(e);
    buffer.push(incr(3));
    const all = buffer.serializeMasked(1e6, true)!;
    expect(parsePersistedEvents(all, true).map((e) => e.timestamp)).toEqual([0, 0, 1, 2, 2, 3]);
    // Too small for both segments: only the last whole segment.
    const last = buffer.serializeMasked(all.length - 10, true)!;
    expect(parsePersistedEvents(last, true).map((e) => e.timestamp)).toEqual([2, 2, 3]);
    expect(buffer.serializeMasked(10, true)).toBeNull();
  });

  it("skips events before the first snapshot unless continuation is allowed", () => {
    const raw = `[${ev(INCR, 1)},${ev(META, 2)},${ev(FULL, 2)}]`;
    expect(parsePersistedEvents(raw, true).map((e) => e.timestamp)).toEqual([2, 2]);
    expect(parsePersistedEvents(raw, false).map((e) => e.timestamp)).toEqual([1, 2, 2]);
  });

  it("ignores junk written by someone else", () => {
    expect(parsePersistedEvents("not json", false)).toEqual([]);
    expect(parsePersistedEvents('{"a":1}', false)).toEqual([]);
    expect(parsePersistedEvents('[1,"x",null,{"type":"4"},[4]]', false)).toEqual([]);
  });
});
