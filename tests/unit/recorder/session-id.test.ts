import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { SESSION_ID_PATTERN, SESSION_INACTIVITY_MINUTES } from "@/lib/replay/protocol";
import { isExpired, newSession, newSessionId, parseSessionState } from "@/lib/recorder/session-id";

const MIN = 60_000;
const fixedBytes = (values: number[]) => (length: number) => Uint8Array.from({ length }, (_, i) => values[i % values.length] ?? 0);

describe("newSessionId", () => {
  it("is s_ + base64url of 16 random bytes, matching SESSION_ID_PATTERN", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const requested: number[] = [];
        const id = newSessionId((n) => {
          requested.push(n);
          return bytes;
        });
        expect(requested).toEqual([16]);
        expect(id).toMatch(SESSION_ID_PATTERN);
        const decoded = Buffer.from(id.slice(2), "base64url");
        expect([...decoded]).toEqual([...bytes]);
      }),
    );
  });

  it("differs between calls with real randomness", () => {
    const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
    const ids = new Set(Array.from({ length: 200 }, () => newSessionId(random)));
    expect(ids.size).toBe(200);
  });
});

describe("session rotation (injected clock)", () => {
  const start = 1_700_000_000_000;
  const session = newSession(start, fixedBytes([1, 2, 3]), 1);

  it("keeps the session while there is activity within the inactivity timeout", () => {
    expect(isExpired(session, start + SESSION_INACTIVITY_MINUTES * MIN, 240)).toBe(false);
    expect(isExpired({ ...session, lastActivityAt: start + 100 * MIN }, start + 120 * MIN, 240)).toBe(false);
  });

  it("rotates after SESSION_INACTIVITY_MINUTES without activity", () => {
    expect(isExpired(session, start + SESSION_INACTIVITY_MINUTES * MIN + 1, 240)).toBe(true);
  });

  it("rotates after maxSessionMinutes even with constant activity", () => {
    const busy = { ...session, lastActivityAt: start + 240 * MIN };
    expect(isExpired(busy, start + 240 * MIN, 240)).toBe(false);
    expect(isExpired(busy, start + 240 * MIN + 1, 240)).toBe(true);
  });

  it("rotates when the clock went backwards", () => {
    expect(isExpired(session, start - 2 * MIN, 240)).toBe(true);
  });
});

describe("sampling (L1)", () => {
  it("never samples at rate 0 and always at rate 1", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 18, maxLength: 18 }), (bytes) => {
        const random = () => bytes;
        expect(newSession(0, random, 0).sampled).toBe(false);
        expect(newSession(0, random, 1).sampled).toBe(true);
      }),
    );
  });

  it("samples according to the random draw", () => {
    expect(newSession(0, fixedBytes([0, 0]), 0.5).sampled).toBe(true);
    expect(newSession(0, fixedBytes([255, 255]), 0.5).sampled).toBe(false);
  });
});

describe("parseSessionState", () => {
  it("round-trips a session", () => {
    const s = newSession(5, fixedBytes([9]), 1);
    expect(parseSessionState(JSON.stringify(s))).toEqual(s);
  });

  it("rejects anything that is not a session written by the SDK", () => {
    const s = newSession(5, fixedBytes([9]), 1);
    for (const raw of [null, "", "{", "[]", "null", JSON.stringify({ ...s, id: "x" }), JSON.stringify({ ...s, seq: -1 }), JSON.stringify({ ...s, sampled: "yes" })]) {
      expect(parseSessionState(raw)).toBeNull();
    }
  });
});
