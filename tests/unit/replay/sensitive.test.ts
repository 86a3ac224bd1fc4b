import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { BLOCK_ATTRIBUTE, S1_BLOCK_SELECTOR, isSensitiveNode } from "@/lib/replay/sensitive";
import { matchesSelectorList, parseSelectorList } from "@/lib/replay/selectors";

const node = (tagName: string, attributes: Record<string, unknown> = {}) => ({ type: 2, id: 1, tagName, attributes, childNodes: [] });

describe("S1: never collected", () => {
  it.each([
    ["password input", node("input", { type: "password" })],
    ["password input, odd case", node("INPUT", { type: "PassWord" })],
    ["cc-number autocomplete", node("input", { autocomplete: "cc-number" })],
    ["cc-exp autocomplete on a select", node("select", { autocomplete: "CC-EXP" })],
    ["new-password autocomplete", node("input", { autocomplete: "new-password" })],
    ["one-time code", node("input", { autocomplete: "one-time-code" })],
    ["name=cardnumber", node("input", { name: "cardnumber" })],
    ["id=cvc", node("input", { id: "cvc" })],
    ["id containing cvv on a wrapper", node("div", { id: "payment-CVV-wrapper" })],
    ["name containing iban", node("input", { name: "billing[iban]" })],
    ["name=ccnum", node("input", { name: "ccnum" })],
    ["id=cc-number", node("input", { id: "cc-number" })],
    ["expiry", node("input", { name: "card_expiry" })],
    ["exp-date", node("input", { id: "exp-date" })],
    ["card id on a form control", node("select", { id: "cardType" })],
    ["hidden input (tokens)", node("input", { type: "hidden", value: "csrf" })],
    ["block attribute", node("section", { [BLOCK_ATTRIBUTE]: "" })],
    // One-time codes by name, id and the field's own label attributes (privacy point 1).
    ["name=otp", node("input", { name: "OTP" })],
    ["name=login[otp]", node("input", { name: "login[otp]" })],
    ["id=otp-code", node("input", { id: "otp-code" })],
    ["name=totp", node("input", { name: "totp" })],
    ["name=verification_code", node("input", { name: "verification_code" })],
    ["id=sms-code", node("input", { id: "sms-code" })],
    ["name=2fa", node("input", { name: "2fa_token" })],
    ["aria-label one-time", node("input", { "aria-label": "One-time password" })],
    ["placeholder verification code", node("input", { placeholder: "Enter the verification code" })],
  ])("blocks a %s", (_label, n) => {
    expect(isSensitiveNode(n)).toBe(true);
  });

  it.each([
    ["text input", node("input", { type: "text", name: "email" })],
    ["product card (id on a non-field)", node("div", { id: "product-card" })],
    ["card class", node("div", { class: "card" })],
    ["autocomplete email", node("input", { autocomplete: "email" })],
    ["postcode", node("input", { name: "postcode", id: "zip-code" })],
    ["promo code", node("input", { name: "promo_code", placeholder: "Promo code" })],
    ["quantity", node("input", { name: "qty", type: "number" })],
    ["footprint (otp inside a word)", node("input", { name: "footprint" })],
    ["a text node", { type: 3, id: 1, textContent: "card 4111" }],
    ["garbage", "input[type=password]"],
  ])("does not block a %s", (_label, n) => {
    expect(isSensitiveNode(n)).toBe(false);
  });

  it("is expressed as one selector string the matcher parses (the browser gets the same string)", () => {
    expect(S1_BLOCK_SELECTOR).toContain("input[type=password i]");
    expect(S1_BLOCK_SELECTOR).toContain(`[${BLOCK_ATTRIBUTE}]`);
    expect(() => parseSelectorList(S1_BLOCK_SELECTOR)).not.toThrow();
  });

  it("isSensitiveNode is exactly the published selector string", () => {
    const parsed = parseSelectorList(S1_BLOCK_SELECTOR);
    const word = fc.constantFrom("card", "CVC", "x", "iban", "email", "exp-date", "pwd", "password", "hidden", "cc-exp", "text");
    const attrs = fc.dictionary(fc.constantFrom("type", "name", "id", "autocomplete", "class", BLOCK_ATTRIBUTE), word);
    fc.assert(
      fc.property(fc.constantFrom("input", "select", "textarea", "div", "form"), attrs, (tag, attributes) => {
        expect(isSensitiveNode(node(tag, attributes))).toBe(matchesSelectorList(parsed, { tagName: tag, attributes }));
      }),
    );
  });
});
