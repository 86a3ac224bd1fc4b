import { emailTranslator } from "@/lib/i18n/translator";
import { localeOrDefault } from "@/lib/i18n/locales";
import { htmlEmail } from "@/lib/mail/templates/layout";
import type { OutgoingMail } from "@/lib/mail/send";

// The answer to an emailed reply that carried files (lib/inbound/receive-mail.ts): the reply was
// not added to the request. Files are not taken by email (they could hold anything, and a request
// keeps only what its customer and agents write); the link leads to the request, where the text
// can be sent again. Sent only to the reply address's own recipient, at most once an hour.
// Texts: messages/*.json, email.attachmentsRefused.
export function attachmentsRefusedEmail(opts: { url: string; locale?: string | null }): Omit<OutgoingMail, "to"> {
  const t = emailTranslator(localeOrDefault(opts.locale), "email");
  const subject = t("attachmentsRefused.subject");
  const body = t("attachmentsRefused.body");
  return {
    subject,
    text: `${body}\n\n${opts.url}\n`,
    html: htmlEmail({ title: subject, paragraphs: [body], buttons: [{ label: t("attachmentsRefused.button"), url: opts.url }] }),
  };
}
