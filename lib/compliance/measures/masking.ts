// M0 (masked by default), the consequence of masking (M1/M2/M3) and S1 (secrets never collected):
// what of a page's content can reach anyone.
import { measure, plural, day, type ComplianceFacts, type Measure } from "@/lib/compliance/measure";
import { parseSelectorList } from "@/lib/replay/selectors";
import { S1_RULES } from "@/lib/replay/sensitive";

// An unmask selector that names no class, id or attribute anywhere (`*`, `body`, `main p`)
// unmasks whole kinds of elements on every page: M0 is then off for them. Privacy point 2's
// masking floor refuses such selectors when they are saved; settings saved before it may hold them.
export function broadUnmaskSelectors(selectors: readonly string[]): string[] {
  return selectors.filter((line) => {
    try {
      return parseSelectorList(line).some((sel) => sel.compounds.every((c) => c.tests.length === 0));
    } catch {
      // Not understood by the masker's parser: it cannot be shown to be narrow.
      return true;
    }
  });
}

export function m0SettingShortfalls(s: { unmaskSelectors: readonly string[] }): string[] {
  return broadUnmaskSelectors(s.unmaskSelectors).map(
    (sel) => `Unmask selector "${sel}" names no class, id or attribute: it unmasks every matching element on every page, so what visitors type or read there is collected in clear. Use a selector naming a class, id or attribute of content that is never personal.`,
  );
}

export function modeSettingShortfalls(s: { maskingMode: string; hasVaultKey: boolean }): string[] {
  const out: string[] = [];
  if ((s.maskingMode === "M1" || s.maskingMode === "M2") && !s.hasVaultKey) {
    out.push(`${s.maskingMode} is selected but the site has no vault key: the unmasked copy cannot be collected, so the site behaves as M3. Generate a vault key or choose M3.`);
  }
  if (s.maskingMode === "M2") {
    out.push(
      "No key custodian outside the publisher's staff holds the vault key: this deployment opens the sealed copy itself once the customer approves, so the copy is available to the publisher. The recommendation's M2 is collected but \"not made available to the publisher\". Choose M1 (a supervisor's internal validation) or M3.",
    );
  }
  return out;
}

export function m0Measure(f: ComplianceFacts): Measure {
  const { site } = f;
  return measure("M0", "Masking by default", {
    how: `Every text, input and image is masked in the recorder, and again at ingest, unless a selector says otherwise; ${plural(site.maskSelectors.length, "extra mask selector")}, ${plural(site.unmaskSelectors.length, "unmask selector")}.`,
    evidence: site.unmaskSelectors.length > 0 ? [`Unmask selectors in force: ${site.unmaskSelectors.join(", ")}.`] : ["No unmask selector: nothing on the pages is shown unmasked."],
    shortfalls: m0SettingShortfalls(site),
  });
}

const MODE_HOW: Record<string, string> = {
  M3: "M3: masked content is never collected. The recorder sends only the masked replay, and the server drops any sealed copy it is sent.",
  M2: "M2: an unmasked copy is collected, sealed on the visitor's device to the site's vault key; an agent must justify each request to see it and the customer must approve.",
  M1: "M1: an unmasked copy is collected, sealed on the visitor's device to the site's vault key; seeing it needs the customer's approval and a supervisor's internal validation (the supervisor never watches it).",
};

export function modeMeasure(f: ComplianceFacts): Measure {
  const { site, vault, recordings } = f;
  const hasVaultKey = vault.activeSince !== null;
  const key = site.maskingMode === "M3" ? "" : hasVaultKey ? ` Vault key active since ${day(vault.activeSince!)}${vault.retired ? ` (${vault.retired} retired key(s) kept for older recordings)` : ""}.` : " No vault key.";
  const validated = f.unmasks.filter((u) => u.validatedAt !== null).length;
  const unmaskedViews = f.views.filter((v) => v.scope === "unmasked").length;
  return measure(site.maskingMode, "Consequence of masking", {
    how: `${MODE_HOW[site.maskingMode] ?? site.maskingMode}${key} In every mode the customer must approve before anything is shown.`,
    evidence: [
      `${plural(recordings.withVaultCopy, "recording")} held now carry a sealed unmasked copy.`,
      `Last ${f.periodDays} days: ${plural(f.unmasks.length, "request")} to see unmasked content, ${validated} validated; ${plural(unmaskedViews, "unmasked viewing", "unmasked viewings")}.`,
    ],
    shortfalls: modeSettingShortfalls({ maskingMode: site.maskingMode, hasVaultKey }),
  });
}

export function s1Measure(f: ComplianceFacts): Measure {
  const { site, recordings: r } = f;
  return measure("S1", "Passwords and card data never collected", {
    how: `Blocked in the recorder and again at ingest, in every mode, by ${S1_RULES.length} built-in rules (password, hidden and one-time-code inputs, payment-card autocomplete, fields named like card, CVV/CVC, IBAN, expiry or password, data-replay-block) and ${plural(site.blockSelectors.length, "block selector")} of the site; card numbers (Luhn-valid) and IBANs typed anywhere else are scrubbed from the masked stream at ingest.`,
    evidence: [`${plural(r.scrubbedValues, "card number or IBAN", "card numbers or IBANs")} scrubbed at ingest in the ${plural(r.held, "recording")} held now.`],
    shortfalls: [
      r.scrubbedValues > 0 &&
        `${plural(r.scrubbedValues, "card number or IBAN was", "card numbers or IBANs were")} typed in fields the recorder does not block and reached the server, which scrubbed them from the masked stream. Block those fields (data-replay-block or a block selector).`,
      r.scrubbedWithVaultCopy > 0 &&
        `${plural(r.scrubbedWithVaultCopy, "of them was", "of them were")} in recordings that also carry a sealed unmasked copy, which the server cannot read to scrub: the value may be in that copy.`,
    ],
  });
}
