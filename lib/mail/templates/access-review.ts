import { emailTranslator } from "@/lib/i18n/translator";
import { localeOrDefault } from "@/lib/i18n/locales";
import { htmlEmail } from "@/lib/mail/templates/layout";
import type { OutgoingMail } from "@/lib/mail/send";

export type SuspendedGrant = { email: string; role: string };

// S2: tells an admin which grants the sweeper suspended, so access that is still needed can be
// confirmed quickly and the rest revoked. Texts: messages/*.json, email.accessReview.
export function accessReviewEmail(opts: { grants: SuspendedGrant[]; graceDays: number; reviewUrl: string; locale?: string | null }): Omit<OutgoingMail, "to"> {
  const t = emailTranslator(localeOrDefault(opts.locale), "email");
  const subject = t("accessReview.subject", { count: opts.grants.length });
  const intro = t("accessReview.intro", { days: opts.graceDays });
  const lines = opts.grants.map((g) => t("accessReview.line", { email: g.email, role: g.role }));
  const action = t("accessReview.action");
  return {
    subject,
    text: `${intro}\n\n${lines.map((l) => `- ${l}`).join("\n")}\n\n${action}\n${opts.reviewUrl}\n`,
    html: htmlEmail({ title: subject, paragraphs: [intro, ...lines, action], buttons: [{ label: t("accessReview.button"), url: opts.reviewUrl }] }),
  };
}
