import { describe, expect, it } from "vitest";
import { chatwootConversationId, helpdeskTicketId } from "@/app/embed/[connectionId]/host-ticket";
import { codeUsable, MAX_CODE_FAILURES } from "@/lib/embed/policy";

// What the panel takes from its host page: an id, in the shape each helpdesk sends, nothing else.
describe("the helpdesk ticket id from the host page", () => {
  it("reads Chatwoot's appContext message, and nothing else", () => {
    expect(chatwootConversationId(JSON.stringify({ event: "appContext", data: { conversation: { id: 42 }, contact: { email: "x@y.z" } } }))).toBe("42");
    expect(chatwootConversationId(JSON.stringify({ event: "other", data: { conversation: { id: 42 } } }))).toBeNull();
    expect(chatwootConversationId(JSON.stringify({ event: "appContext", data: { conversation: { id: "../../admin" } } }))).toBeNull();
    expect(chatwootConversationId("not json")).toBeNull();
  });

  it("accepts numbers and short plain tokens only", () => {
    expect(helpdeskTicketId(7)).toBe("7");
    expect(helpdeskTicketId("T-7_a")).toBe("T-7_a");
    for (const bad of [1.5, "", "a b", "a/b", "x".repeat(101), null, {}]) expect(helpdeskTicketId(bad)).toBeNull();
  });
});

describe("sign-in codes", () => {
  const now = new Date("2026-01-01T10:00:00Z");
  const code = { usedAt: null, expiresAt: new Date(now.getTime() + 1000), failures: 0 };
  it("are usable once, before expiry, below the failure limit", () => {
    expect(codeUsable(code, now)).toBe(true);
    expect(codeUsable({ ...code, usedAt: now }, now)).toBe(false);
    expect(codeUsable({ ...code, expiresAt: now }, now)).toBe(false);
    expect(codeUsable({ ...code, failures: MAX_CODE_FAILURES }, now)).toBe(false);
  });
});
