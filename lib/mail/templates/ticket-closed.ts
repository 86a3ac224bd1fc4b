import { emailTranslator } from "@/lib/i18n/translator";
import { formatDateTime, localeOrDefault } from "@/lib/i18n/locales";
import { htmlEmail } from "@/lib/mail/templates/layout";
import type { OutgoingMail } from "@/lib/mail/send";

// To the customer when their request is closed (by the support team or the system): that it is
// closed, and what becomes of the recordings of their visit and of the request itself, with the
// dates the closing set (lib/retention). Rendered when it is sent, so "now" is true.
// Texts: messages/*.json, email.ticketClosed.
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

export function ticketClosedEmail(facts: TicketClosedFacts, localeValue: string | null | undefined, now = new Date()): Omit<OutgoingMail, "to"> {
  const locale = localeOrDefault(localeValue);
  const t = emailTranslator(locale, "email");
  const count = facts.recordings;
  const recordings =
    count === 0 ? t("ticketClosed.none")
    : facts.deleteBy.getTime() <= now.getTime() ? t("ticketClosed.now", { count })
    : t("ticketClosed.later", { count, when: formatDateTime(facts.deleteBy, locale, facts.timeZone) });
  const subject = t("ticketClosed.subject", { site: facts.siteName });
  const paragraphs = [t("ticketClosed.closed", { site: facts.siteName }), recordings, t("ticketClosed.ticket", { when: formatDateTime(facts.ticketDeleteAt, locale, facts.timeZone) })];
  return {
    subject,
    text: `${paragraphs.join("\n\n")}\n\n${facts.url}\n`,
    html: htmlEmail({ title: subject, paragraphs, buttons: [{ label: t("ticketClosed.button"), url: facts.url }] }),
  };
}
