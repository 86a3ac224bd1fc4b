import { emailTranslator } from "@/lib/i18n/translator";
import { localeOrDefault } from "@/lib/i18n/locales";
import { htmlEmail } from "@/lib/mail/templates/layout";
import type { OutgoingMail } from "@/lib/mail/send";

// The one email a ticket from a publisher's page (or backend) sends to the address typed into it.
// Anyone holding the public site key can type any address, so the email never quotes what was
// typed (subject, message): only the site's name, set by its admin, and our own link.
//   new:     the address had no account; it now has one, holding the ticket.
//   confirm: the address has an account; the ticket joins it only if its owner confirms.
//   staff:   the address is a staff account, which never takes customer tickets (no link).
// Texts: messages/*.json, email.ticketReceived.<kind>.
export type TicketReceivedKind = "new" | "confirm" | "staff";

export function ticketReceivedEmail(opts: { kind: TicketReceivedKind; siteName: string; url: string | null; locale?: string | null }): Omit<OutgoingMail, "to"> {
  const t = emailTranslator(localeOrDefault(opts.locale), "email");
  const subject = t(`ticketReceived.${opts.kind}.subject`);
  const body = t(`ticketReceived.${opts.kind}.body`, { site: opts.siteName });
  const button = opts.url && opts.kind !== "staff" ? [{ label: t(`ticketReceived.${opts.kind}.button`), url: opts.url }] : [];
  return {
    subject,
    text: `${body}\n${opts.url ? `\n${opts.url}\n` : ""}`,
    html: htmlEmail({ title: subject, paragraphs: [body], buttons: button }),
  };
}
