import { emailTranslator } from "@/lib/i18n/translator";
import { localeOrDefault } from "@/lib/i18n/locales";
import { htmlEmail } from "@/lib/mail/templates/layout";
import type { OutgoingMail } from "@/lib/mail/send";

// Texts: messages/*.json, email.embedCode. The code is typed into the helpdesk's frame: no link.
export function embedCodeEmail(opts: { code: string; minutes: number; locale?: string | null }): Omit<OutgoingMail, "to"> {
  const t = emailTranslator(localeOrDefault(opts.locale), "email");
  const subject = t("embedCode.subject");
  const intro = t("embedCode.intro");
  const expiry = t("embedCode.expiry", { minutes: opts.minutes });
  return { subject, text: `${intro}\n\n${opts.code}\n\n${expiry}\n`, html: htmlEmail({ title: subject, paragraphs: [intro, opts.code, expiry] }) };
}
