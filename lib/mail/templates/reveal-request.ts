import { htmlEmail, pickLocale, type Locale } from "@/lib/mail/templates/layout";
import type { OutgoingMail } from "@/lib/mail/send";

export type RevealMailFacts = {
  agent: string;
  justification: string;
  siteName: string;
  recordedAt: Date;
  pages: string[];
  scope: "masked" | "unmasked";
  viewHours: number;
  deleteAfter: Date | null;
  approveUrl: string;
  declineUrl: string;
  tokenHours: number;
};

const when = (d: Date, locale: Locale) =>
  d.toLocaleString(locale === "fr" ? "fr-FR" : "en-GB", { timeZone: "UTC", dateStyle: "long", timeStyle: "short" }) + " UTC";

const TEXT = {
  en: {
    subject: (site: string) => `May we view your recorded visit to ${site}?`,
    intro: (f: RevealMailFacts) => `${f.agent}, from the support team of ${f.siteName}, asks to view the recording of your visit to help with your request.`,
    why: (f: RevealMailFacts) => `Their reason: “${f.justification}”`,
    which: (f: RevealMailFacts, l: Locale) => `The recording: ${when(f.recordedAt, l)}, pages: ${f.pages.join(", ") || "not recorded"}.`,
    what: (f: RevealMailFacts) =>
      f.scope === "masked"
        ? "What they would see: your clicks, scrolling and page layout. Every text you typed or read stays masked."
        : "What they would see: the pages as you saw them, including what you typed (unmasked).",
    never: "Passwords and card numbers are never recorded, in any case.",
    duration: (f: RevealMailFacts) => `If you approve, they can view it for ${f.viewHours} hours at most. You can withdraw your approval at any time from your ticket page.`,
    deletion: (f: RevealMailFacts, l: Locale) => (f.deleteAfter ? `The recording will be deleted on ${when(f.deleteAfter, l)} whatever you choose.` : "The recording will be deleted a few hours after your visit whatever you choose."),
    expiry: (f: RevealMailFacts) => `These links work once and expire in ${f.tokenHours} hours. Nothing happens until you confirm on the page they open.`,
    approve: "Approve viewing",
    decline: "Decline",
  },
  fr: {
    subject: (site: string) => `Pouvons-nous voir l'enregistrement de votre visite sur ${site} ?`,
    intro: (f: RevealMailFacts) => `${f.agent}, de l'équipe support de ${f.siteName}, demande à voir l'enregistrement de votre visite pour traiter votre demande.`,
    why: (f: RevealMailFacts) => `Motif : « ${f.justification} »`,
    which: (f: RevealMailFacts, l: Locale) => `L'enregistrement : ${when(f.recordedAt, l)}, pages : ${f.pages.join(", ") || "non enregistrées"}.`,
    what: (f: RevealMailFacts) =>
      f.scope === "masked"
        ? "Ce qui serait visible : vos clics, le défilement et la mise en page. Tous les textes saisis ou lus restent masqués."
        : "Ce qui serait visible : les pages telles que vous les avez vues, y compris vos saisies (non masquées).",
    never: "Les mots de passe et numéros de carte ne sont jamais enregistrés.",
    duration: (f: RevealMailFacts) => `Si vous acceptez, l'accès dure ${f.viewHours} heures au plus. Vous pouvez retirer votre accord à tout moment depuis la page de votre demande.`,
    deletion: (f: RevealMailFacts, l: Locale) => (f.deleteAfter ? `L'enregistrement sera supprimé le ${when(f.deleteAfter, l)}, quel que soit votre choix.` : "L'enregistrement sera supprimé quelques heures après votre visite, quel que soit votre choix."),
    expiry: (f: RevealMailFacts) => `Ces liens ne servent qu'une fois et expirent dans ${f.tokenHours} heures. Rien ne se passe tant que vous n'avez pas confirmé sur la page qu'ils ouvrent.`,
    approve: "Accepter",
    decline: "Refuser",
  },
};

// Plain text first (it carries the links in full), an HTML twin with two buttons.
export function revealRequestEmail(facts: RevealMailFacts, localeValue: string | null | undefined): Omit<OutgoingMail, "to"> {
  const locale = pickLocale(localeValue);
  const t = TEXT[locale];
  const paragraphs = [t.intro(facts), t.why(facts), t.which(facts, locale), t.what(facts), t.never, t.duration(facts), t.deletion(facts, locale), t.expiry(facts)];
  return {
    subject: t.subject(facts.siteName),
    text: `${paragraphs.join("\n\n")}\n\n${t.approve}: ${facts.approveUrl}\n${t.decline}: ${facts.declineUrl}\n`,
    html: htmlEmail({ title: t.subject(facts.siteName), paragraphs, buttons: [{ label: t.approve, url: facts.approveUrl }, { label: t.decline, url: facts.declineUrl }] }),
  };
}
