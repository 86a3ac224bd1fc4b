import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { CATALOGS } from "@/lib/i18n/catalogs";
import { LOCALES } from "@/lib/i18n/locales";
import { emailTranslator } from "@/lib/i18n/translator";
import { SUPPORT_CATALOGS } from "@/lib/recorder/support-messages";

// Every language has every message, with the same placeholders (ICU arguments and rich-text tags):
// a missing key shows the key to a customer, a missing placeholder drops a fact (a date, a name).

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

function placeholders(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) into.add(el.value);
    if (el.type === TYPE.select || el.type === TYPE.plural) {
      into.add(el.value);
      for (const option of Object.values(el.options)) placeholders(option.value, into);
    }
    if (el.type === TYPE.tag) {
      into.add(`<${el.value}>`);
      placeholders(el.children, into);
    }
  }
  return into;
}

const sorted = (s: Set<string>) => [...s].sort();

describe("message catalogs (messages/*.json)", () => {
  const [first, ...others] = LOCALES;
  const reference = flatten(CATALOGS[first] as Tree);

  it.each(others)("%s has the same keys as en", (locale) => {
    expect([...flatten(CATALOGS[locale] as Tree).keys()].sort()).toEqual([...reference.keys()].sort());
  });

  it.each(others)("%s has the same placeholders as en in every message", (locale) => {
    const other = flatten(CATALOGS[locale] as Tree);
    for (const [key, text] of reference) {
      expect(sorted(placeholders(parse(other.get(key) ?? ""))), `${locale}: ${key}`).toEqual(sorted(placeholders(parse(text))));
    }
  });

  it("every message is valid ICU and formats on the server", () => {
    for (const locale of LOCALES) for (const text of flatten(CATALOGS[locale] as Tree).values()) expect(() => parse(text)).not.toThrow();
    expect(emailTranslator("fr", "approve")("wouldBeDeletedOn", { when: "1 déc. 2026, 10:00 UTC" })).toBe("Sinon, il serait supprimé le 1 déc. 2026, 10:00 UTC.");
    expect(emailTranslator("fr", "common")("ticketStatus", { status: "pending" })).toBe("en attente de votre réponse");
    // The emails' plurals say "1" only for exactly one: French CLDR's "one" would also take 0.
    expect(emailTranslator("fr", "email")("accessReview.subject", { count: 0 })).toBe("Replaydesk : 0 rôles suspendus (revue en retard)");
    expect(emailTranslator("en", "email")("ticketClosed.later", { count: 1, when: "1 Dec 2026, 10:00 UTC" })).toContain("The recording of your visit linked to it will be deleted by 1 Dec 2026, 10:00 UTC.");
  });
});

describe("the SDK dialog's catalog (lib/recorder/support-messages.ts)", () => {
  const braces = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  it("French has the keys and {placeholders} of English", () => {
    expect(Object.keys(SUPPORT_CATALOGS.fr).sort()).toEqual(Object.keys(SUPPORT_CATALOGS.en).sort());
    for (const [key, text] of Object.entries(SUPPORT_CATALOGS.en)) {
      expect(braces(SUPPORT_CATALOGS.fr[key as keyof typeof SUPPORT_CATALOGS.en]), key).toEqual(braces(text));
    }
  });
});
