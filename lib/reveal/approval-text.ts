// What the customer is told about a request to view their recording, in words: shared by the
// approval email (lib/mail/templates/reveal-request.ts) and the approval page (app/approve), so
// both say the same. Pure and browser-safe. Every duration is spelled from a real deadline and the
// moment the text is rendered; what stays masked is said from the recording's own mode.

import type { Locale } from "@/lib/i18n/locales";

export type { Locale };

export type Person = { name: string | null; email: string };

// The facts of one request as the customer approves it.
export type ApprovalFacts = {
  agent: Person;
  siteName: string;
  scope: "masked" | "unmasked";
  // The recording's mode when it was made (M1 | M2 | M3), and whether a sealed unmasked copy exists.
  maskingMode: string;
  keepsUnmasked: boolean;
  // The site shows some page elements unmasked (its unmask selectors: product names and the like).
  unmaskedElements: boolean;
};

// "Léa Martin <lea@example.com>", or the address alone: how an agent is named to the customer,
// in the email, on the approval page and in the list of who watched.
export function personLabel(p: Person): string {
  return p.name?.trim() ? `${p.name.trim()} <${p.email}>` : p.email;
}

const UNITS = {
  en: { hour: ["hour", "hours"], minute: ["minute", "minutes"], under: "less than a minute" },
  fr: { hour: ["heure", "heures"], minute: ["minute", "minutes"], under: "moins d'une minute" },
} as const;

// "2 hours 29 minutes": whole minutes, rounded down (a deadline is never stated later than it is).
export function spellDuration(ms: number, locale: Locale = "en"): string {
  const u = UNITS[locale];
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes === 0) return u.under;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const part = (n: number, [one, many]: readonly [string, string]) => `${n} ${n === 1 ? one : many}`;
  return [h > 0 ? part(h, u.hour) : "", m > 0 ? part(m, u.minute) : ""].filter(Boolean).join(" ");
}

export function spellTime(d: Date, locale: Locale = "en"): string {
  return d.toLocaleString(locale === "fr" ? "fr-FR" : "en-GB", { timeZone: "UTC", dateStyle: "long", timeStyle: "short" }) + " UTC";
}

const TEXT = {
  en: {
    maskedView: (who: string, except: string) => `What ${who} would see: your clicks, scrolling and the page layout. Everything you typed or read stays masked${except}.`,
    except: (site: string) => `, except page elements ${site} marked as not personal (such as product names)`,
    m3: "On this site, what you type or read is masked in your browser and never collected.",
    sealedM1: (site: string) => `${site} also keeps a sealed unmasked copy (what you typed and read). It is not part of this request: showing it would need your separate approval and a supervisor's validation.`,
    sealedM2: (site: string) => `${site} also keeps a sealed unmasked copy (what you typed and read), which only an independent key custodian can unseal. It is not part of this request: showing it would need your separate approval and that custodian's acceptance.`,
    noCopy: "No unmasked copy of this recording was kept.",
    unmaskedView: (who: string) => `What ${who} would see: the pages as you saw them, including what you typed (the sealed unmasked copy).`,
    unmaskedM1: (site: string, who: string) => `It is opened only after a supervisor of ${site}, someone other than ${who}, validates the request; that supervisor does not see it.`,
    unmaskedM2: (site: string, who: string) => `It is shown only if an independent key custodian, outside ${site}'s staff, accepts the reason ${who} gave; the custodian holds the only key to it, so neither ${site} nor whoever runs this service can open it otherwise, and the custodian does not see it.`,
  },
  fr: {
    maskedView: (who: string, except: string) => `Ce que ${who} verrait : vos clics, le défilement et la mise en page. Tout ce que vous avez saisi ou lu reste masqué${except}.`,
    except: (site: string) => `, sauf les éléments que ${site} a marqués comme non personnels (noms de produits, par exemple)`,
    m3: "Sur ce site, ce que vous saisissez ou lisez est masqué dans votre navigateur et n'est jamais collecté.",
    sealedM1: (site: string) => `${site} conserve aussi une copie non masquée scellée (vos saisies et ce que vous avez lu). Elle ne fait pas partie de cette demande : la montrer exigerait votre accord séparé et la validation d'un superviseur.`,
    sealedM2: (site: string) => `${site} conserve aussi une copie non masquée scellée (vos saisies et ce que vous avez lu), que seul un dépositaire de clé indépendant peut desceller. Elle ne fait pas partie de cette demande : la montrer exigerait votre accord séparé et l'acceptation de ce dépositaire.`,
    noCopy: "Aucune copie non masquée de cet enregistrement n'a été conservée.",
    unmaskedView: (who: string) => `Ce que ${who} verrait : les pages telles que vous les avez vues, y compris vos saisies (la copie non masquée scellée).`,
    unmaskedM1: (site: string, who: string) => `Elle n'est ouverte qu'après la validation de la demande par un superviseur de ${site}, autre que ${who} ; ce superviseur ne la voit pas.`,
    unmaskedM2: (site: string, who: string) => `Elle n'est montrée que si un dépositaire de clé indépendant, extérieur au personnel de ${site}, accepte la raison donnée par ${who} ; ce dépositaire détient la seule clé, donc ni ${site} ni l'exploitant de ce service ne peuvent l'ouvrir autrement, et il ne la voit pas.`,
  },
};

// What would be visible and what stays masked, in this recording's mode: short, factual sentences.
export function maskingStatements(f: ApprovalFacts, locale: Locale = "en"): string[] {
  const t = TEXT[locale];
  const who = personLabel(f.agent);
  if (f.scope === "unmasked") {
    return [t.unmaskedView(who), f.maskingMode === "M1" ? t.unmaskedM1(f.siteName, who) : t.unmaskedM2(f.siteName, who)];
  }
  const view = t.maskedView(who, f.unmaskedElements ? t.except(f.siteName) : "");
  if (f.maskingMode === "M3") return [view, t.m3];
  if (!f.keepsUnmasked) return [view, t.noCopy];
  return [view, f.maskingMode === "M1" ? t.sealedM1(f.siteName) : t.sealedM2(f.siteName)];
}
