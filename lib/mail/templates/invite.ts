import { emailTranslator } from "@/lib/i18n/translator";
import { localeOrDefault } from "@/lib/i18n/locales";
import { htmlEmail } from "@/lib/mail/templates/layout";
import type { OutgoingMail } from "@/lib/mail/send";

// Texts: messages/*.json, email.invite.
export function inviteEmail(opts: {
  url: string;
  role: string;
  siteName: string | null;
  expiresAt: Date | null;
  reviewDays: number;
  locale?: string | null;
}): Omit<OutgoingMail, "to"> {
  const t = emailTranslator(localeOrDefault(opts.locale), "email");
  const subject = t("invite.subject");
  const scope = opts.siteName ? t("invite.site", { name: opts.siteName }) : t("invite.everySite");
  const paragraphs = [
    t("invite.intro", { role: opts.role, scope }),
    ...(opts.expiresAt ? [t("invite.expiry", { date: opts.expiresAt.toISOString().slice(0, 10) })] : []),
    t("invite.review", { days: opts.reviewDays }),
    t("invite.how"),
  ];
  return {
    subject,
    text: `${paragraphs.join("\n\n")}\n\n${opts.url}\n`,
    html: htmlEmail({ title: subject, paragraphs, buttons: [{ label: t("invite.button"), url: opts.url }] }),
  };
}
