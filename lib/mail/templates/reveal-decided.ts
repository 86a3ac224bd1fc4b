import { formatDateTime } from "@/lib/mail/templates/date-time";
import { htmlEmail, pickLocale, type Locale } from "@/lib/mail/templates/layout";
import type { OutgoingMail } from "@/lib/mail/send";

// To the agent who asked to view a recording, once the customer answered. Nothing of the
// recording itself: the answer, how long access lasts, and the link to the ticket.
export type RevealDecidedFacts = {
  siteName: string;
  // Approved: with the end of the access it gives (never after the recording's deletion).
  answer: { decision: "approved"; accessUntil: Date } | { decision: "declined" };
  // An unmasked view opens only after a supervisor's validation (M1) or the key custodian's acceptance (M2).
  unmasked: boolean;
  url: string;
  timeZone: string | null;
};

const TEXT = {
  en: {
    subject: (f: RevealDecidedFacts) => (f.answer.decision === "approved" ? `Viewing approved (${f.siteName})` : `Viewing declined (${f.siteName})`),
    approved: (until: string) => `The customer approved your request to view their recording. You alone may watch it, until ${until} at the latest (never after the recording is deleted); the customer can withdraw the approval at any time.`,
    unmasked: "You asked for the unmasked view: it opens once it is validated (a supervisor on M1 sites, the key custodian on M2 sites).",
    declined: "The customer declined your request to view their recording. It cannot be watched; the customer may delete it.",
    button: "Open the ticket",
  },
  fr: {
    subject: (f: RevealDecidedFacts) => (f.answer.decision === "approved" ? `Visionnage accepté (${f.siteName})` : `Visionnage refusé (${f.siteName})`),
    approved: (until: string) => `Le client a accepté votre demande de voir son enregistrement. Vous seul pouvez le voir, jusqu'au ${until} au plus tard (jamais après sa suppression) ; le client peut retirer son accord à tout moment.`,
    unmasked: "Vous avez demandé la vue non masquée : elle s'ouvre une fois validée (par un superviseur sur les sites M1, par le dépositaire de clé sur les sites M2).",
    declined: "Le client a refusé votre demande de voir son enregistrement. Il ne peut pas être visionné ; le client peut le supprimer.",
    button: "Ouvrir le ticket",
  },
};

function answer(facts: RevealDecidedFacts, locale: Locale): string[] {
  const t = TEXT[locale];
  if (facts.answer.decision === "declined") return [t.declined];
  return [t.approved(formatDateTime(facts.answer.accessUntil, locale, facts.timeZone)), ...(facts.unmasked ? [t.unmasked] : [])];
}

export function revealDecidedEmail(facts: RevealDecidedFacts, localeValue: string | null | undefined): Omit<OutgoingMail, "to"> {
  const locale = pickLocale(localeValue);
  const t = TEXT[locale];
  const paragraphs = answer(facts, locale);
  return {
    subject: t.subject(facts),
    text: `${paragraphs.join("\n\n")}\n\n${facts.url}\n`,
    html: htmlEmail({ title: t.subject(facts), paragraphs, buttons: [{ label: t.button, url: facts.url }] }),
  };
}
