import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  deleteDueAt,
  RETENTION_HOURS_DEFAULT,
  RETENTION_HOURS_MAX,
  RETENTION_HOURS_MIN,
  sessionEnd,
  UNTRIGGERED_RETENTION_MINUTES,
} from "@/lib/retention/policy";
import { isDue } from "@/lib/retention/rules";
import { SESSION_INACTIVITY_MINUTES } from "@/lib/replay/protocol";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = new Date("2026-03-02T10:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

// "Deleted exactly at its due time, not a millisecond before", with a fake clock.
function expectDueExactlyAt(due: Date, expected: Date) {
  expect(due.toISOString()).toBe(expected.toISOString());
  expect(isDue(due, at(expected.getTime() - T0.getTime() - 1))).toBe(false);
  expect(isDue(due, expected)).toBe(true);
  expect(isDue(due, at(expected.getTime() - T0.getTime() + 1))).toBe(true);
}

describe("retention policy: when a session ends", () => {
  it("ends when the SDK says the page closed", () => {
    expect(sessionEnd({ lastEventAt: T0, endedAt: at(5 * MINUTE), triggeredAt: T0 })).toEqual(at(5 * MINUTE));
  });

  it("otherwise ends after the inactivity timeout from its last event", () => {
    expect(sessionEnd({ lastEventAt: T0, endedAt: null, triggeredAt: null })).toEqual(at(SESSION_INACTIVITY_MINUTES * MINUTE));
  });
});

describe("retention policy: when a recording must be gone", () => {
  // The allowed range's ends and the default.
  for (const hours of [RETENTION_HOURS_MIN, RETENTION_HOURS_DEFAULT, RETENTION_HOURS_MAX]) {
    it(`a triggered recording is due ${hours} h after the session ended, to the millisecond`, () => {
      const due = deleteDueAt({ lastEventAt: T0, endedAt: at(7), triggeredAt: T0 }, hours);
      expectDueExactlyAt(due, at(7 + hours * HOUR));
    });
  }

  it("a triggered session that just stopped is due retention hours after its inactivity end", () => {
    const due = deleteDueAt({ lastEventAt: T0, endedAt: null, triggeredAt: T0 }, 4);
    expectDueExactlyAt(due, at(SESSION_INACTIVITY_MINUTES * MINUTE + 4 * HOUR));
  });

  it("an untriggered (streamed) recording is due soon after the session ends, whatever the retention", () => {
    const untriggered = UNTRIGGERED_RETENTION_MINUTES * MINUTE;
    expect(untriggered).toBeLessThan(RETENTION_HOURS_MIN * HOUR);
    expectDueExactlyAt(deleteDueAt({ lastEventAt: T0, endedAt: T0, triggeredAt: null }, RETENTION_HOURS_MAX), at(untriggered));
    expectDueExactlyAt(deleteDueAt({ lastEventAt: T0, endedAt: null, triggeredAt: null }, 4), at(SESSION_INACTIVITY_MINUTES * MINUTE + untriggered));
  });

  it("a ticket's closure brings the deletion earlier", () => {
    const due = deleteDueAt({ lastEventAt: T0, endedAt: T0, triggeredAt: T0 }, 4, at(20 * MINUTE));
    expectDueExactlyAt(due, at(20 * MINUTE));
  });

  it("a ticket's closure never postpones it", () => {
    const due = deleteDueAt({ lastEventAt: T0, endedAt: T0, triggeredAt: T0 }, 4, at(5 * HOUR));
    expectDueExactlyAt(due, at(4 * HOUR));
  });

  it("property: due after the end, never later than the retention, never later than a closure", () => {
    const date = fc.integer({ min: 0, max: 10 * 24 * 60 }).map((m) => at(m * MINUTE));
    fc.assert(
      fc.property(date, fc.option(date), fc.boolean(), fc.integer({ min: RETENTION_HOURS_MIN, max: RETENTION_HOURS_MAX }), fc.option(date), (last, ended, triggered, hours, closed) => {
        const s = { lastEventAt: last, endedAt: ended, triggeredAt: triggered ? last : null };
        const due = deleteDueAt(s, hours, closed);
        const plain = deleteDueAt(s, hours);
        expect(due.getTime()).toBeLessThanOrEqual(plain.getTime());
        expect(plain.getTime()).toBeGreaterThan(sessionEnd(s).getTime());
        expect(plain.getTime() - sessionEnd(s).getTime()).toBe(triggered ? hours * HOUR : UNTRIGGERED_RETENTION_MINUTES * MINUTE);
        if (closed) expect(due.getTime()).toBeLessThanOrEqual(closed.getTime());
      }),
    );
  });
});
