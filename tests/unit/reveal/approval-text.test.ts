import { describe, expect, it } from "vitest";
import { maskingStatements, personLabel, spellDuration, type ApprovalFacts } from "@/lib/reveal/approval-text";
import { revealRequestEmail } from "@/lib/mail/templates/reveal-request";

const facts: ApprovalFacts = { agent: { name: "Léa Martin", email: "lea@example.com" }, siteName: "Shop", scope: "masked", maskingMode: "M3", keepsUnmasked: false, unmaskedElements: false };

describe("what the customer is told", () => {
  it("spells durations in whole minutes, rounded down", () => {
    expect(spellDuration(150 * 60_000 - 1)).toBe("2 hours 29 minutes");
    expect(spellDuration(60 * 60_000)).toBe("1 hour");
    expect(spellDuration(59_999)).toBe("less than a minute");
    expect(spellDuration(0)).toBe("less than a minute");
    expect(spellDuration(61 * 60_000, "fr")).toBe("1 heure 1 minute");
  });

  it("names the agent by name and address", () => {
    expect(personLabel(facts.agent)).toBe("Léa Martin <lea@example.com>");
    expect(personLabel({ name: null, email: "lea@example.com" })).toBe("lea@example.com");
  });

  it("says what stays masked in each mode", () => {
    expect(maskingStatements(facts).join(" ")).toMatch(/never collected/);
    expect(maskingStatements({ ...facts, unmaskedElements: true }).join(" ")).toMatch(/except page elements Shop marked as not personal/);
    expect(maskingStatements({ ...facts, maskingMode: "M1", keepsUnmasked: true }).join(" ")).toMatch(/sealed unmasked copy.*not part of this request/);
    expect(maskingStatements({ ...facts, maskingMode: "M2", keepsUnmasked: true }).join(" ")).toMatch(/key custodian/);
    expect(maskingStatements({ ...facts, maskingMode: "M1", scope: "unmasked", keepsUnmasked: true }).join(" ")).toMatch(/supervisor of Shop, someone other than Léa Martin/);
  });

  it("M2 says the copy is shown only if an independent key custodian accepts the agent's reason (privacy 6)", () => {
    const unmasked = maskingStatements({ ...facts, maskingMode: "M2", scope: "unmasked", keepsUnmasked: true }).join(" ");
    expect(unmasked).toMatch(/shown only if an independent key custodian, outside Shop's staff, accepts the reason Léa Martin <lea@example.com> gave/);
    expect(unmasked).toMatch(/neither Shop nor whoever runs this service can open it/);
    expect(maskingStatements({ ...facts, maskingMode: "M2", scope: "unmasked", keepsUnmasked: true }, "fr").join(" ")).toMatch(/dépositaire de clé indépendant/);
    expect(maskingStatements({ ...facts, maskingMode: "M2", keepsUnmasked: true }).join(" ")).toMatch(/only an independent key custodian can unseal/);
  });

  it("the email's durations come from the deadlines and the moment it is rendered, in both languages", () => {
    const now = new Date("2026-11-30T12:00:00Z");
    const deadline = new Date("2026-11-30T13:30:00Z");
    const mail = (locale: string) =>
      revealRequestEmail(
        { ...facts, justification: "To see the error", recordedAt: now, durationSeconds: 200, pages: ["https://shop.example/cart"], deadlines: { linkUntil: deadline, viewUntil: deadline, deleteAfter: deadline }, approveUrl: "https://desk.example/a", declineUrl: "https://desk.example/d" },
        locale,
        now,
      );
    expect(mail("en").text).toMatch(/for at most 1 hour 30 minutes/);
    expect(mail("en").text).toMatch(/works once, for 1 hour 30 minutes/);
    expect(mail("en").text).toMatch(/3 minutes long/);
    expect(mail("fr").text).toMatch(/pendant 1 heure 30 minutes/);
    expect(mail("en").text + mail("fr").text).not.toMatch(/72|24 h/);
  });
});
