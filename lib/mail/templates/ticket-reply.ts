import { emailTranslator } from "@/lib/i18n/translator";
import { localeOrDefault } from "@/lib/i18n/locales";
import { htmlEmail } from "@/lib/mail/templates/layout";
import type { OutgoingMail } from "@/lib/mail/send";

// To the customer when an agent replies: the reply's text and the link to the request's page.
// Never the subject or first message typed in the public form (anyone can type any address
// there), no recording content. Texts: messages/*.json, email.ticketReply.
export type TicketReplyFacts = {
  siteName: string;
  // The replying agent's display name; without one the email says "the support team".
  agentName: string | null;
  reply: string;
  url: string;
  // The desk reads emailed answers (an inbound server or webhook is configured).
  replyByEmail: boolean;
};

export function ticketReplyEmail(facts: TicketReplyFacts, localeValue: string | null | undefined): Omit<OutgoingMail, "to"> {
  const t = emailTranslator(localeOrDefault(localeValue), "email");
  const subject = t("ticketReply.subject", { site: facts.siteName });
  const intro = facts.agentName ? t("ticketReply.introByAgent", { agent: facts.agentName, site: facts.siteName }) : t("ticketReply.introByTeam", { site: facts.siteName });
  const follow = t("ticketReply.follow");
  const byEmail = t("ticketReply.byEmail");
  const after = facts.replyByEmail ? [follow, byEmail] : [follow];
  return {
    subject,
    text: `${intro}\n\n${facts.reply}\n\n${follow}\n${facts.url}\n${facts.replyByEmail ? `\n${byEmail}\n` : ""}`,
    html: htmlEmail({ title: subject, paragraphs: [intro, ...paragraphsOf(facts.reply), ...after], buttons: [{ label: t("ticketReply.button"), url: facts.url }] }),
  };
}

// A message's own line breaks, kept in the HTML twin (each line one escaped paragraph).
export function paragraphsOf(message: string): string[] {
  return message.split(/\r?\n/).filter((line) => line.trim() !== "");
}
