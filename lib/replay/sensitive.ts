// S1 (CNIL recommendation 7.3): passwords, payment data and similar secrets are never collected.
// One list of selectors is the single source: the recorder hands S1_BLOCK_SELECTOR to rrweb's
// blockSelector (the element is recorded as an empty box), and the server parses the very same
// string to re-apply the rule to serialized nodes, so browser and server cannot drift.
import { matchesSelectorList, parseSelectorList, type ElementLike } from "./selectors";

export const BLOCK_ATTRIBUTE = "data-replay-block";

// Matched in `name` and `id`, case-insensitively, on any element: a wrapper named like a payment
// field is blocked with everything in it. "card" alone is too common in ids of ordinary UI
// ("product-card"), so it is matched in ids of form controls only.
const FIELD_WORDS = ["cvv", "cvc", "iban", "ccnum", "cc-num", "cc_num", "expiry", "exp-date", "exp_date", "expdate", "passw", "pwd"];
// One-time codes (two-factor, SMS and e-mail verification codes), by name and id: "otp" only as a
// word of its own (not in "footprint"), and never plain "code" (postcodes, promo codes stay).
const ONE_TIME_CODE_WORDS = ["one-time", "onetime", "one_time", "totp", "passcode", "2fa", "mfa", "verification", "verif-code", "auth-code", "authcode", "auth_code", "sms-code", "smscode", "sms_code"];
const OTP_WORD = ['^="otp"', '$="otp"', '*="-otp"', '*="_otp"', '*="otp-"', '*="otp_"', '*="[otp"'];
// A field's visible name (label, aria-label, placeholder) saying it takes a one-time code. Its
// <label> is only known in the browser (lib/recorder/rrweb-options.ts); the attributes are in the
// selectors below too.
export const ONE_TIME_CODE_LABEL = /one[\s-]?time|verification code|authentication code|security code|passcode|\b(?:otp|2fa|mfa)\b|sms code|code (?:sent|received) by/i;

const S1_SELECTORS = [
  "input[type=password i]",
  // Hidden inputs hold CSRF and session tokens; they render nothing, so blocking them costs nothing.
  "input[type=hidden i]",
  '[autocomplete^="cc-" i]',
  '[autocomplete$="password" i]',
  '[autocomplete="one-time-code" i]',
  `[${BLOCK_ATTRIBUTE}]`,
  '[name*="card" i]',
  ...["input", "select", "textarea"].map((tag) => `${tag}[id*="card" i]`),
  ...FIELD_WORDS.flatMap((word) => [`[name*="${word}" i]`, `[id*="${word}" i]`]),
  ...["name", "id"].flatMap((attr) => [...OTP_WORD.map((test) => `[${attr}${test} i]`), ...ONE_TIME_CODE_WORDS.map((word) => `[${attr}*="${word}" i]`)]),
  ...["aria-label", "placeholder"].flatMap((attr) => ["one-time", "verification code", "authentication code"].map((words) => `[${attr}*="${words}" i]`)),
];

// For rrweb's blockSelector (browsers support the ` i` flag since 2016).
export const S1_BLOCK_SELECTOR = S1_SELECTORS.join(",");

export const S1_RULES = parseSelectorList(S1_BLOCK_SELECTOR);

function isElement(node: unknown): node is ElementLike {
  if (typeof node !== "object" || node === null) return false;
  const { type, tagName, attributes } = node as Record<string, unknown>;
  return type === 2 && typeof tagName === "string" && typeof attributes === "object" && attributes !== null;
}

// S1 rules look at the element alone (no descendant combinators), so no ancestors are needed.
export function isSensitiveNode(node: unknown): boolean {
  return isElement(node) && matchesSelectorList(S1_RULES, node);
}
