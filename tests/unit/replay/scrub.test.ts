import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { scrubSecrets, scrubText } from "@/lib/replay/scrub";
import { ADVERSARIAL_SHAPES, MB, costRatio, sized } from "./linearity";

const scrubbed = (text: string) => scrubText(text).text;

// Appends the Luhn check digit to a digit string.
function withLuhn(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

const separated19 = (digits: string) => digits.replace(/^(\d{4})(\d{4})(\d{4})(\d{4})/, "$1 $2 $3 $4 ");

// A valid IBAN (ISO 13616 check digits) for a country code and BBAN.
function iban(country: string, bban: string): string {
  let r = 0;
  for (const ch of `${bban}${country}00`) {
    const v = parseInt(ch, 36);
    r = (v < 10 ? r * 10 + v : r * 100 + v) % 97;
  }
  return `${country}${String(98 - r).padStart(2, "0")}${bban}`;
}

describe("card numbers", () => {
  it.each(["4111 1111 1111 1111", "5500-0000-0000-0004", "378282246310005", "4111111111111111"])("scrubs %s keeping length and separators", (card) => {
    const out = scrubText(`Paid with ${card}, thanks`);
    expect(out.scrubbed).toBe(1);
    expect(out.text).toBe(`Paid with ${card.replace(/\d/g, "*")}, thanks`);
  });

  it("keeps a 16-digit number that fails the Luhn check", () => {
    expect(scrubText("order 4111111111111112").scrubbed).toBe(0);
  });

  it("keeps numbers too short or too long, decimals and digits glued to longer numbers", () => {
    for (const text of ["411111111111", "41111111111111111111", "pi 3.4111111111111111", "x=41111111111111111234"]) {
      expect(scrubbed(text)).toBe(text);
    }
  });

  it("takes the longest valid window, so a 19-digit card is not left with a visible tail", () => {
    // Both 4111111111111111 and this 19-digit number pass the Luhn check.
    const long = separated19(withLuhn("411111111111111112"));
    expect(scrubbed(long)).toBe(long.replace(/\d/g, "*"));
  });

  it("finds the card inside a longer run (card then CVC)", () => {
    expect(scrubbed("4111 1111 1111 1111 123")).toBe("**** **** **** **** 123");
  });
});

describe("IBANs", () => {
  it.each(["FR76 3000 6000 0112 3456 7890 189", "DE89370400440532013000", "GB82 WEST 1234 5698 7654 32"])("scrubs %s", (iban) => {
    const out = scrubText(`IBAN: ${iban} EUR`);
    expect(out.scrubbed).toBe(1);
    expect(out.text).toBe(`IBAN: ${iban.replace(/[A-Z0-9]/g, "*")} EUR`);
  });

  it("keeps an IBAN-shaped string with a wrong checksum", () => {
    expect(scrubbed("DE89370400440532013001")).toBe("DE89370400440532013001");
  });
});

describe("scrubSecrets over events", () => {
  const event = {
    type: 3,
    timestamp: 5,
    data: {
      source: 0,
      texts: [{ id: 4, value: "card 4111 1111 1111 1111 and 5500-0000-0000-0004" }],
      attributes: [{ id: 5, attributes: { "data-iban": "FR7630006000011234567890189" } }],
      adds: [{ parentId: 1, node: { type: 3, id: 9, textContent: "no secret here 42" } }],
      keyed: { "378282246310005": true },
    },
  };

  it("counts every replacement anywhere, keys included", () => {
    const { event: out, scrubbed: count } = scrubSecrets(event);
    expect(count).toBe(4);
    const json = JSON.stringify(out);
    for (const secret of ["4111 1111", "5500-0000", "FR7630006", "378282246310005"]) expect(json).not.toContain(secret);
    expect(json).toContain("no secret here 42");
  });

  it("copies and never changes its input", () => {
    const before = JSON.stringify(event);
    const { event: out } = scrubSecrets(event);
    expect(JSON.stringify(event)).toBe(before);
    expect(out).not.toBe(event);
  });

  it("scrubs an object it is given to own in place, keys included", () => {
    const owned: Record<string, unknown> = JSON.parse('{"a":["4111 1111 1111 1111",{"4111111111111111":"x"}],"__proto__":{"y":"FR7630006000011234567890189"}}');
    const { event: out, scrubbed: count } = scrubSecrets(owned, true);
    expect(out).toBe(owned);
    expect(count).toBe(3);
    expect(JSON.stringify(owned)).toBe('{"a":["**** **** **** ****",{"****************":"x"}],"__proto__":{"y":"***************************"}}');
  });

  it("keeps non-string values and a __proto__ key as they are", () => {
    const input: unknown = JSON.parse('{"a":[1,null,true,{"b":2.5}],"__proto__":{"x":"4111111111111111"}}');
    const { event: out, scrubbed: count } = scrubSecrets(input);
    expect(count).toBe(1);
    expect(JSON.stringify(out)).toBe('{"a":[1,null,true,{"b":2.5}],"__proto__":{"x":"****************"}}');
  });

  it("survives deep nesting without recursion", () => {
    let deep: unknown = "4111111111111111";
    for (let i = 0; i < 100_000; i++) deep = i % 2 ? [deep] : { k: deep };
    expect(scrubSecrets(deep).scrubbed).toBe(1);
  });

});

// H4: one upload of a few kilobytes of gzip used to hold the server for seconds. The scrubbers must
// be linear: 8 times the text costs about 8 times the time (allowing 10 for noise), whatever its
// shape. Absolute figures are the bench's (bench/figures/adversarial.ts), not a test's.
describe("linear time (H4)", () => {
  // Each run gets a fresh string, as each upload does: a small one reused stays in the CPU's
  // cache and looks cheaper per byte than it is.
  it.each(Object.entries(ADVERSARIAL_SHAPES))("an 8 MB value of %s costs at most ~10x a 1 MB one", (_, unit) => {
    expect(costRatio(() => scrubText(sized(unit, MB)), () => scrubText(sized(unit, 8 * MB)))).toBeLessThan(10);
  }, 120_000);

  it("still finds the card and the IBAN behind megabytes of near-misses", () => {
    const out = scrubText(`${sized("AB12 1 ", MB)} FR76 3000 6000 0112 3456 7890 189 and 4111 1111 1111 1111`);
    expect(out.scrubbed).toBe(2);
    expect(out.text.endsWith(" **** **** **** **** **** **** *** and **** **** **** ****")).toBe(true);
  });
});

describe("properties", () => {
  const separated = (digits: string, sep: string) => digits.replace(/(\d{4})(?=\d)/g, `$1${sep}`);

  it("no Luhn-valid 13-19 digit number survives, whatever surrounds it", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{12,18}$/),
        fc.constantFrom("", " ", "-"),
        fc.string({ maxLength: 20 }).map((s) => s.replace(/[0-9.]/g, "")),
        fc.string({ maxLength: 20 }).map((s) => s.replace(/[0-9]/g, "")),
        (body, sep, before, after) => {
          const card = separated(withLuhn(body), sep);
          const out = scrubText(`${before} ${card} ${after}`);
          expect(out.text).not.toContain(card);
          expect(out.text.length).toBe(before.length + card.length + after.length + 2);
        },
      ),
    );
  });

  it("scrubs every valid IBAN whole, even when its digits contain a Luhn-valid run", () => {
    fc.assert(
      fc.property(fc.constantFrom("FR", "DE", "GB", "NL"), fc.stringMatching(/^[0-9A-Z]{4}[0-9]{7,26}$/), fc.boolean(), (country, bban, grouped) => {
        const compact = iban(country, bban);
        const text = grouped ? compact.replace(/(.{4})(?=.)/g, "$1 ") : compact;
        const out = scrubText(`IBAN ${text}.`);
        expect(out).toEqual({ text: `IBAN ${text.replace(/[A-Z0-9]/g, "*")}.`, scrubbed: 1 });
      }),
    );
  });

  it("is idempotent and leaves digit-free text alone", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const once = scrubText(text).text;
        expect(scrubText(once).scrubbed).toBe(0);
        if (!/\d/.test(text)) expect(once).toBe(text);
      }),
    );
  });
});
