import { describe, expect, it } from "vitest";
import { afterFailure, BACKOFF_CAP_MS, backoffDelayMs, jobState, maskEmail } from "@/lib/jobs/policy";

const NOW = new Date("2026-11-30T12:00:00Z");

describe("the outbox's retry policy", () => {
  it("waits base × 2^(attempt-1) after each failed attempt, capped", () => {
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffDelayMs(30, 30_000)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelayMs(0, 500)).toBe(500);
  });

  it("queues a failed job again until its last attempt, then moves it to the dead letters", () => {
    expect(afterFailure({ attempts: 1, maxAttempts: 3 }, NOW, 200)).toEqual({ status: "queued", runAt: new Date(NOW.getTime() + 200) });
    expect(afterFailure({ attempts: 2, maxAttempts: 3 }, NOW, 200)).toEqual({ status: "queued", runAt: new Date(NOW.getTime() + 400) });
    expect(afterFailure({ attempts: 3, maxAttempts: 3 }, NOW, 200)).toEqual({ status: "dead" });
  });

  it("shows a queued job under a live lease as sending, and an expired lease as queued again", () => {
    expect(jobState({ status: "queued", leaseUntil: null }, NOW)).toBe("queued");
    expect(jobState({ status: "queued", leaseUntil: new Date(NOW.getTime() + 1) }, NOW)).toBe("sending");
    expect(jobState({ status: "queued", leaseUntil: NOW }, NOW)).toBe("queued");
    expect(jobState({ status: "dead", leaseUntil: null }, NOW)).toBe("dead");
    expect(jobState({ status: "done", leaseUntil: null }, NOW)).toBe("done");
  });

  it("masks a recipient to its first letter and domain", () => {
    expect(maskEmail("claire.dupont@example.com")).toBe("c•••@example.com");
    expect(maskEmail("not-an-address")).toBe("•••");
  });
});
