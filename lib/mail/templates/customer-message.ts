import { emailTranslator } from "@/lib/i18n/translator";
import { localeOrDefault } from "@/lib/i18n/locales";
import { htmlEmail } from "@/lib/mail/templates/layout";
import type { OutgoingMail } from "@/lib/mail/send";
import { paragraphsOf } from "@/lib/mail/templates/ticket-reply";

// To staff when a customer writes on a ticket: to its assignee, or, unassigned, to the site's
// staff who opted in (lib/notifications/policy.ts). The message is what the desk shows them too;
// the ticket's subject stays on the desk. Texts: messages/*.json, email.customerMessage.
export type CustomerMessageFacts = {
  siteName: string;
  message: string;
  assignedToRecipient: boolean;
  url: string;
  replyByEmail: boolean;
};

export function customerMessageEmail(facts: CustomerMessageFacts, localeValue: string | null | undefined): Omit<OutgoingMail, "to"> {
  const t = emailTranslator(localeOrDefault(localeValue), "email");
  const site = { site: facts.siteName };
  const subject = facts.assignedToRecipient ? t("customerMessage.subjectAssigned", site) : t("customerMessage.subjectUnassigned", site);
  const intro = facts.assignedToRecipient ? t("customerMessage.introAssigned", site) : t("customerMessage.introUnassigned", site);
  const after = [...(facts.replyByEmail ? [t("customerMessage.byEmail")] : []), t("customerMessage.settings")];
  return {
    subject,
    text: `${intro}\n\n${facts.message}\n\n${t("customerMessage.open")}\n${facts.url}\n\n${after.join("\n")}\n`,
    html: htmlEmail({ title: subject, paragraphs: [intro, ...paragraphsOf(facts.message), ...after], buttons: [{ label: t("customerMessage.button"), url: facts.url }] }),
  };
}
