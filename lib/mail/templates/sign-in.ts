import { emailTranslator } from "@/lib/i18n/translator";
import { localeOrDefault } from "@/lib/i18n/locales";
import { htmlEmail } from "@/lib/mail/templates/layout";
import type { OutgoingMail } from "@/lib/mail/send";

// Texts: messages/*.json, email.signIn.
export function signInEmail(opts: { url: string; minutes: number; locale?: string | null }): Omit<OutgoingMail, "to"> {
  const t = emailTranslator(localeOrDefault(opts.locale), "email");
  const subject = t("signIn.subject");
  const intro = t("signIn.intro");
  const expiry = t("signIn.expiry", { minutes: opts.minutes });
  return {
    subject,
    text: `${intro}\n\n${opts.url}\n\n${expiry}\n`,
    html: htmlEmail({ title: subject, paragraphs: [intro, expiry], buttons: [{ label: t("signIn.button"), url: opts.url }] }),
  };
}
