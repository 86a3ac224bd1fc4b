// M0 (masked by default), the consequence of masking (M1/M2/M3, with the M2 key custodian) and S1
// (secrets never collected, in the masked stream and in the sealed copy): what of a page's content
// can reach anyone.
import { day, measure, plural, type ComplianceFacts, type Measure } from "@/lib/compliance/measure";
import { MAX_UNMASKED_SHARE, unmaskFloorViolation } from "@/lib/replay/masking-floor";
import { S1_RULES } from "@/lib/replay/sensitive";
import type { CustodyState } from "@/lib/sites/schemas";

// The masking floor's own rule (lib/replay/masking-floor.ts) applied to the selectors stored: the
// settings schema refuses such selectors when saved, but ones saved before the floor existed still
// apply, so the record flags them with the same definition.
export function m0SettingShortfalls(s: { unmaskSelectors: readonly string[] }): string[] {
  return s.unmaskSelectors.flatMap((line) => {
    let why: string | null;
    try {
      why = unmaskFloorViolation(line);
    } catch {
      // Not understood by the masker's parser: it cannot be shown to be narrow.
      why = `"${line}" is not a selector the masker's parser reads, so it cannot be shown to reveal only chosen public content.`;
    }
    return why ? [`Unmask selector ${why} Stored before the masking floor, which refuses it when the settings are saved, it applies until it is narrowed.`] : [];
  });
}

export function m0Measure(f: ComplianceFacts): Measure {
  const { site } = f;
  return measure("M0", "Masking by default", {
    how: `Every text, input and image is masked in the recorder, and again at ingest, unless a selector says otherwise; ${plural(site.maskSelectors.length, "extra mask selector")}, ${plural(site.unmaskSelectors.length, "unmask selector")}. The masking floor refuses unmask selectors that would reveal whole pages (naming no class, id or attribute, or unmasking more than ${MAX_UNMASKED_SHARE * 100} % of the text of the sample pages).`,
    evidence: site.unmaskSelectors.length > 0 ? [`Unmask selectors in force: ${site.unmaskSelectors.join(", ")}.`] : ["No unmask selector: nothing on the pages is shown unmasked."],
    shortfalls: m0SettingShortfalls(site),
  });
}

// Where the masking mode falls short with the site's vault key and its key custody (privacy
// point 6). The settings form warns with it before saving; a change of mode the custody does not
// allow is refused outright (maskingModeRefusal, lib/sites/schemas.ts).
export function modeSettingShortfalls(s: { maskingMode: string; hasVaultKey: boolean; custody: CustodyState }): string[] {
  if (s.maskingMode === "M1" && !s.hasVaultKey) {
    return ["M1 is selected but the site has no vault key: the unmasked copy cannot be collected, so the site behaves as M3. Generate a vault key or choose M3."];
  }
  if (s.maskingMode !== "M2") return [];
  if (!s.hasVaultKey) {
    return ["M2 is selected but the site has no vault key: the unmasked copy cannot be collected, so the site behaves as M3. The site's key custodian makes its vault key by enrolling at /custody; or choose M3."];
  }
  if (s.custody === "orphaned") {
    return ["M2 is selected but the person who holds this site's key custody is no longer its privacy officer: no unmasking can be accepted. Another privacy officer of the site enrols at /custody (a new key, for sessions from then on)."];
  }
  if (s.custody === "none") {
    return ["M2 is selected but no key custodian holds this site's vault key: whoever runs the server could open the unmasked copies, which M2 excludes. A privacy officer enrols at /custody, or choose M1 or M3."];
  }
  return [];
}

const MODE_HOW: Record<string, string> = {
  M3: "M3: masked content is never collected. The recorder sends only the masked replay, and the server drops any sealed copy it is sent.",
  M2: "M2: an unmasked copy is collected, sealed on the visitor's device to a vault key that only the site's key custodian can open, with a secret held outside the publisher's staff and never stored by the server (neither the publisher nor whoever runs the server can open it without the custodian); each unmasking needs the customer's approval and the custodian's acceptance of the agent's reason, and unseals that one recording for that approval.",
  M1: "M1: an unmasked copy is collected, sealed on the visitor's device to the site's vault key; seeing it needs the customer's approval and a supervisor's internal validation (the supervisor never watches it).",
};

// Who holds the M2 key custody, or why M2 cannot be chosen.
function custodyNote(mode: string, c: ComplianceFacts["custody"]): string {
  const holder = `${c.custodian ?? "a privacy officer"} since ${c.since ? day(c.since) : "?"}`;
  if (c.state === "enrolled") return mode === "M2" ? `Key custodian: ${holder}.` : `M2 is available: ${holder} holds this site's key custody.`;
  if (c.state === "orphaned") return `The key custody is held by ${holder}, who is no longer this site's privacy officer.`;
  return mode === "M2"
    ? "No key custodian."
    : "M2 cannot be chosen: no key custodian is enrolled for this site (an admin grants the privacy-officer role to someone outside its staff, who enrols at /custody).";
}

export function modeMeasure(f: ComplianceFacts): Measure {
  const { site, vault, recordings, custody } = f;
  const hasVaultKey = vault.activeSince !== null;
  const key = site.maskingMode === "M3" ? "" : hasVaultKey ? ` Vault key active since ${day(vault.activeSince!)}${vault.retired ? ` (${vault.retired} retired key(s) kept for older recordings)` : ""}.` : " No vault key.";
  const validated = f.unmasks.filter((u) => u.validatedAt !== null).length;
  const accepted = f.unmasks.filter((u) => u.custody?.answer === "accepted").length;
  const refused = f.unmasks.filter((u) => u.custody?.answer === "refused").length;
  const unmaskedViews = f.views.filter((v) => v.scope === "unmasked").length;
  return measure(site.maskingMode, "Consequence of masking", {
    how: `${MODE_HOW[site.maskingMode] ?? site.maskingMode}${key} ${custodyNote(site.maskingMode, custody)} In every mode the customer must approve before anything is shown.`,
    evidence: [
      `${plural(recordings.withVaultCopy, "recording")} held now carry a sealed unmasked copy.`,
      `Last ${f.periodDays} days: ${plural(f.unmasks.length, "request")} to see unmasked content, ${validated} validated by a supervisor (M1), ${accepted} accepted and ${refused} refused by the key custodian (M2); ${plural(unmaskedViews, "unmasked viewing", "unmasked viewings")}.`,
    ],
    shortfalls: modeSettingShortfalls({ maskingMode: site.maskingMode, hasVaultKey, custody: custody.state }),
  });
}

// S1 in the masked stream: blocked at the source, scrubbed by value in the browser and again at
// ingest. Ingest finding a value to scrub means the upload did not come from the recorder this
// deployment serves, which scrubs first.
export function s1Measure(f: ComplianceFacts): Measure {
  const { site, recordings: r } = f;
  return measure("S1", "Passwords and card data never collected", {
    how: `Blocked in the recorder and again at ingest, in every mode, by ${S1_RULES.length} built-in rules (password, hidden and one-time-code inputs, payment-card autocomplete, fields named like card, CVV/CVC, IBAN, expiry, password or one-time code, data-replay-block) and ${plural(site.blockSelectors.length, "block selector")} of the site, whatever the unmask selectors say; one-time codes are also masked by their label. Card numbers (Luhn-valid) and IBANs typed anywhere else are scrubbed by value in the browser before anything is kept, and again at ingest.`,
    evidence: [`${plural(r.scrubbedValues, "card number or IBAN", "card numbers or IBANs")} scrubbed at ingest in the ${plural(r.held, "recording")} held now (the recorder scrubs them first: ingest counts only uploads that arrived unscrubbed).`],
    shortfalls: [
      r.scrubbedValues > 0 &&
        `${plural(r.scrubbedValues, "card number or IBAN", "card numbers or IBANs")} reached the server unscrubbed, which the recorder this deployment serves never sends: those uploads came from an older recorder a browser still had, or from another client. The server scrubbed them from the masked stream before storing it.`,
    ],
  });
}

// S1 in the sealed unmasked copy (M1/M2; privacy point 1). The server cannot read a sealed copy
// before an approved viewing opens it, so the evidence is the recorder it serves, not the data;
// what it can see is uploads that arrived unscrubbed with a sealed copy beside them.
export function s1SealedCopyMeasure(f: ComplianceFacts): Measure {
  const { site, recordings: r } = f;
  const collects = site.maskingMode !== "M3";
  return measure("S1 sealed copy", "Card data never in the sealed unmasked copy", {
    how: collects
      ? `${site.maskingMode}: the unmasked copy is sealed in the visitor's browser, where the recorder scrubs Luhn-valid card numbers and IBANs from it by value before sealing, with the module ingest runs on the masked stream; password, payment and one-time-code fields are blocked or masked at the source in this copy too, and no unmask selector overrides that.`
      : "M3: no unmasked copy is collected, so there is none to scrub.",
    evidence: [
      ...(collects ? ["The evidence is the recorder this deployment serves (scrubbing before sealing is part of it), not a reading of the data: a sealed copy cannot be read by the server before an approved viewing opens it."] : []),
      `${plural(r.withVaultCopy, "recording")} held now carry a sealed copy; ${plural(r.scrubbedWithVaultCopy, "card number or IBAN", "card numbers or IBANs")} arrived unscrubbed in their masked stream.`,
    ],
    shortfalls: [
      r.scrubbedWithVaultCopy > 0 &&
        `${plural(r.scrubbedWithVaultCopy, "card number or IBAN", "card numbers or IBANs")} arrived unscrubbed in recordings that also carry a sealed copy: the client that sent them did not scrub, so the sealed copy may hold them too, and the server cannot read it to check.`,
    ],
    required: collects || r.withVaultCopy > 0,
  });
}
