import { describe, expect, it } from "vitest";
import { closeDeadline, closeGraceMs, deletionReason, earliest, isDue } from "@/lib/retention/rules";

const MINUTE = 60_000;
const T0 = new Date("2026-03-02T10:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

describe("sweeper rules", () => {
  it("a recording is due at its deletion time exactly, not 1 ms before; never when unscheduled", () => {
    expect(isDue(T0, at(-1))).toBe(false);
    expect(isDue(T0, T0)).toBe(true);
    expect(isDue(T0, at(1))).toBe(true);
    expect(isDue(null, at(1e12))).toBe(false);
  });

  it("names why a recording goes: the ticket's closure when it set the time, else retention or untriggered", () => {
    expect(deletionReason({ deleteAfter: T0, closeDeleteAt: T0, triggeredAt: T0 })).toBe("ticket-closed");
    expect(deletionReason({ deleteAfter: T0, closeDeleteAt: at(1), triggeredAt: T0 })).toBe("retention");
    expect(deletionReason({ deleteAfter: T0, closeDeleteAt: null, triggeredAt: T0 })).toBe("retention");
    expect(deletionReason({ deleteAfter: T0, closeDeleteAt: null, triggeredAt: null })).toBe("untriggered");
    expect(deletionReason({ deleteAfter: T0, closeDeleteAt: at(-1), triggeredAt: null })).toBe("ticket-closed");
  });

  it("the grace after a ticket closes is never longer than the site's retention, nor negative", () => {
    expect(closeGraceMs({ closeGraceMinutes: 0, retentionHours: 4 })).toBe(0);
    expect(closeGraceMs({ closeGraceMinutes: 30, retentionHours: 4 })).toBe(30 * MINUTE);
    expect(closeGraceMs({ closeGraceMinutes: 240, retentionHours: 4 })).toBe(240 * MINUTE);
    expect(closeGraceMs({ closeGraceMinutes: 241, retentionHours: 4 })).toBe(240 * MINUTE);
    expect(closeGraceMs({ closeGraceMinutes: 10_000, retentionHours: 1 })).toBe(60 * MINUTE);
    expect(closeGraceMs({ closeGraceMinutes: -5, retentionHours: 1 })).toBe(0);
    expect(closeDeadline(T0, { closeGraceMinutes: 0, retentionHours: 4 })).toEqual(T0);
    expect(closeDeadline(T0, { closeGraceMinutes: 90, retentionHours: 1 })).toEqual(at(60 * MINUTE));
  });

  it("closing only brings a deletion earlier", () => {
    expect(earliest(null, T0)).toEqual(T0);
    expect(earliest(at(-1), T0)).toEqual(at(-1));
    expect(earliest(at(1), T0)).toEqual(T0);
  });
});
