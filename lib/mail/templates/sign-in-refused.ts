import { emailTranslator } from "@/lib/i18n/translator";
import { localeOrDefault } from "@/lib/i18n/locales";
import { htmlEmail } from "@/lib/mail/templates/layout";
import type { OutgoingMail } from "@/lib/mail/send";

// Sent instead of a sign-in link to a deactivated account: the sign-in form answers exactly as for
// any other address (and takes as long, one email), so it does not tell who is deactivated; only
// the owner of the address learns it. Texts: messages/*.json, email.signInRefused.
export function signInRefusedEmail(opts: { locale?: string | null }): Omit<OutgoingMail, "to"> {
  const t = emailTranslator(localeOrDefault(opts.locale), "email");
  const subject = t("signInRefused.subject");
  const body = t("signInRefused.body");
  return { subject, text: `${body}\n`, html: htmlEmail({ title: subject, paragraphs: [body] }) };
}
