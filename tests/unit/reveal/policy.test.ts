import { describe, expect, it } from "vitest";
import { askRefusal, canWatch, mayWatch, watchingApproval, type ViewCheck } from "@/lib/reveal/policy";

const now = new Date("2026-11-30T12:00:00Z");
const hour = 3600_000;
const at = (ms: number) => new Date(now.getTime() + ms);
const approved = (over: Partial<ViewCheck> = {}): ViewCheck => ({
  status: "approved", tokenExpiresAt: at(hour), accessUntil: at(hour), scope: "masked", requesterId: "agent", validatedById: null, validatedAt: null, custodianId: null, custodyAcceptedAt: null, decidedAt: at(-hour), ...over,
});

describe("the viewing rule", () => {
  it("lets only the agent the approval names watch (never an assignee, never the validating supervisor)", () => {
    expect(canWatch(approved(), "agent", "M3", "masked", now)).toBe(true);
    expect(canWatch(approved(), "colleague", "M3", "masked", now)).toBe(false);
    const validated = approved({ scope: "unmasked", validatedById: "supervisor", validatedAt: at(-hour) });
    expect(canWatch(validated, "agent", "M1", "unmasked", now)).toBe(true);
    expect(canWatch(validated, "supervisor", "M1", "unmasked", now)).toBe(false);
    expect(canWatch(validated, "supervisor", "M1", "masked", now)).toBe(false);
    expect(canWatch({ ...validated, requesterId: "supervisor" }, "supervisor", "M1", "unmasked", now)).toBe(false);
  });

  it("needs the M1 validation for the unmasked copy, an unmasked approval for it, and an approval in force", () => {
    expect(mayWatch([approved({ scope: "unmasked" })], "agent", "M1", now)).toEqual({ masked: true, unmasked: false });
    expect(mayWatch([approved({ scope: "unmasked" })], "agent", "M2", now)).toEqual({ masked: true, unmasked: false });
    expect(mayWatch([approved()], "agent", "M2", now)).toEqual({ masked: true, unmasked: false });
    expect(mayWatch([approved({ accessUntil: at(-1) })], "agent", "M3", now)).toEqual({ masked: false, unmasked: false });
    expect(mayWatch([approved({ status: "withdrawn" })], "agent", "M3", now)).toEqual({ masked: false, unmasked: false });
  });

  it("M2: the unmasked copy needs the key custodian's acceptance, and the custodian never watches (privacy 6)", () => {
    const accepted = approved({ scope: "unmasked", custodianId: "officer", custodyAcceptedAt: at(-1) });
    expect(mayWatch([accepted], "agent", "M2", now)).toEqual({ masked: true, unmasked: true });
    // An M1 validation does not stand in for the custodian's acceptance.
    expect(canWatch(approved({ scope: "unmasked", validatedById: "supervisor", validatedAt: at(-1) }), "agent", "M2", "unmasked", now)).toBe(false);
    expect(canWatch(accepted, "officer", "M2", "unmasked", now)).toBe(false);
    expect(canWatch({ ...accepted, requesterId: "officer" }, "officer", "M2", "masked", now)).toBe(false);
    // A refusal is an answer without acceptance.
    expect(canWatch(approved({ scope: "unmasked", custodianId: "officer" }), "agent", "M2", "unmasked", now)).toBe(false);
  });

  it("watches under the approval decided last (it covers the most)", () => {
    const older = approved({ decidedAt: at(-2 * hour) });
    const newer = approved({ decidedAt: at(-hour) });
    expect(watchingApproval([older, newer, approved({ requesterId: "colleague", decidedAt: at(-1) })], "agent", "M3", "masked", now)).toBe(newer);
  });
});

describe("who may ask", () => {
  const ctx = { ticketClosed: false, customerPresent: true, maskingMode: "M1", keepsUnmasked: true };
  const pending = { status: "pending", tokenExpiresAt: at(hour), accessUntil: null, scope: "masked", requesterId: "agent" };

  it("each agent for themselves: a colleague's pending request blocks nobody, one's own blocks asking twice", () => {
    expect(askRefusal(ctx, [pending], "colleague", "masked", now)).toBeNull();
    expect(askRefusal(ctx, [pending], "agent", "masked", now)).toMatch(/already waiting/);
    expect(askRefusal(ctx, [pending], "agent", "unmasked", now)).toBeNull();
    expect(askRefusal(ctx, [{ ...pending, tokenExpiresAt: at(-1) }], "agent", "masked", now)).toBeNull();
  });

  it("never on a closed ticket, without a customer, or for an unmasked copy that was never collected", () => {
    expect(askRefusal({ ...ctx, ticketClosed: true }, [], "agent", "masked", now)).toMatch(/closed/);
    expect(askRefusal({ ...ctx, customerPresent: false }, [], "agent", "masked", now)).toMatch(/no customer account to ask/);
    expect(askRefusal({ ...ctx, maskingMode: "M3" }, [], "agent", "unmasked", now)).toMatch(/M3/);
    expect(askRefusal({ ...ctx, keepsUnmasked: false }, [], "agent", "unmasked", now)).toMatch(/No unmasked copy/);
  });
});
