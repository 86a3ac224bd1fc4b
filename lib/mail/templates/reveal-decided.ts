import { emailTranslator } from "@/lib/i18n/translator";
import { formatDateTime, localeOrDefault } from "@/lib/i18n/locales";
import { htmlEmail } from "@/lib/mail/templates/layout";
import type { OutgoingMail } from "@/lib/mail/send";

// To the agent who asked to view a recording, once the customer answered. Nothing of the
// recording itself: the answer, how long access lasts, and the link to the ticket.
// Texts: messages/*.json, email.revealDecided.
export type RevealDecidedFacts = {
  siteName: string;
  // Approved: with the end of the access it gives (never after the recording's deletion).
  answer: { decision: "approved"; accessUntil: Date } | { decision: "declined" };
  // An unmasked view opens only after a supervisor's validation (M1) or the key custodian's acceptance (M2).
  unmasked: boolean;
  url: string;
  timeZone: string | null;
};

export function revealDecidedEmail(facts: RevealDecidedFacts, localeValue: string | null | undefined): Omit<OutgoingMail, "to"> {
  const locale = localeOrDefault(localeValue);
  const t = emailTranslator(locale, "email");
  const site = { site: facts.siteName };
  const subject = facts.answer.decision === "approved" ? t("revealDecided.subjectApproved", site) : t("revealDecided.subjectDeclined", site);
  const paragraphs =
    facts.answer.decision === "declined"
      ? [t("revealDecided.declined")]
      : [t("revealDecided.approved", { until: formatDateTime(facts.answer.accessUntil, locale, facts.timeZone) }), ...(facts.unmasked ? [t("revealDecided.unmasked")] : [])];
  return {
    subject,
    text: `${paragraphs.join("\n\n")}\n\n${facts.url}\n`,
    html: htmlEmail({ title: subject, paragraphs, buttons: [{ label: t("revealDecided.button"), url: facts.url }] }),
  };
}
