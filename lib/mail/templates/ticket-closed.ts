import { formatDateTime } from "@/lib/mail/templates/date-time";
import { htmlEmail, pickLocale, type Locale } from "@/lib/mail/templates/layout";
import type { OutgoingMail } from "@/lib/mail/send";

// To the customer when their request is closed (by the support team or the system): that it is
// closed, and what becomes of the recordings of their visit and of the request itself, with the
// dates the closing set (lib/retention). Rendered when it is sent, so "now" is true.
export type TicketClosedFacts = {
  siteName: string;
  url: string;
  // The recordings linked to the ticket when it closed, and the latest time their deletion was set to.
  recordings: number;
  deleteBy: Date;
  // When the closed request and its messages are deleted (TICKET_RETENTION_DAYS after closing).
  ticketDeleteAt: Date;
  timeZone: string | null;
};

const TEXT = {
  en: {
    subject: (site: string) => `Your support request to ${site} is closed`,
    closed: (site: string) => `Your support request to ${site} was closed.`,
    none: "No recording of your visit was linked to it.",
    now: (n: number) => (n === 1 ? "The recording of your visit linked to it is deleted now, within minutes of the closing." : `The ${n} recordings of your visit linked to it are deleted now, within minutes of the closing.`),
    later: (n: number, when: string) => (n === 1 ? `The recording of your visit linked to it will be deleted by ${when}. You can delete it sooner from your request's page.` : `The ${n} recordings of your visit linked to it will be deleted by ${when}. You can delete them sooner from your request's page.`),
    ticket: (when: string) => `The request and its messages are kept until ${when}, then deleted. If you write on it before then, it reopens (deleted recordings do not come back).`,
    button: "See my request",
  },
  fr: {
    subject: (site: string) => `Votre demande d'assistance à ${site} est close`,
    closed: (site: string) => `Votre demande d'assistance à ${site} a été close.`,
    none: "Aucun enregistrement de votre visite n'y était lié.",
    now: (n: number) => (n === 1 ? "L'enregistrement de votre visite qui y était lié est supprimé maintenant, dans les minutes qui suivent la clôture." : `Les ${n} enregistrements de votre visite qui y étaient liés sont supprimés maintenant, dans les minutes qui suivent la clôture.`),
    later: (n: number, when: string) => (n === 1 ? `L'enregistrement de votre visite qui y est lié sera supprimé au plus tard le ${when}. Vous pouvez le supprimer plus tôt depuis la page de votre demande.` : `Les ${n} enregistrements de votre visite qui y sont liés seront supprimés au plus tard le ${when}. Vous pouvez les supprimer plus tôt depuis la page de votre demande.`),
    ticket: (when: string) => `La demande et ses messages sont conservés jusqu'au ${when}, puis supprimés. Si vous y écrivez d'ici là, elle est rouverte (les enregistrements supprimés ne reviennent pas).`,
    button: "Voir ma demande",
  },
};

function recordingsSentence(facts: TicketClosedFacts, locale: Locale, now: Date): string {
  const t = TEXT[locale];
  if (facts.recordings === 0) return t.none;
  if (facts.deleteBy.getTime() <= now.getTime()) return t.now(facts.recordings);
  return t.later(facts.recordings, formatDateTime(facts.deleteBy, locale, facts.timeZone));
}

export function ticketClosedEmail(facts: TicketClosedFacts, localeValue: string | null | undefined, now = new Date()): Omit<OutgoingMail, "to"> {
  const locale = pickLocale(localeValue);
  const t = TEXT[locale];
  const paragraphs = [t.closed(facts.siteName), recordingsSentence(facts, locale, now), t.ticket(formatDateTime(facts.ticketDeleteAt, locale, facts.timeZone))];
  return {
    subject: t.subject(facts.siteName),
    text: `${paragraphs.join("\n\n")}\n\n${facts.url}\n`,
    html: htmlEmail({ title: t.subject(facts.siteName), paragraphs, buttons: [{ label: t.button, url: facts.url }] }),
  };
}
