import { htmlEmail, pickLocale } from "@/lib/mail/templates/layout";
import type { OutgoingMail } from "@/lib/mail/send";

// To the customer when an agent replies: the reply's text and the link to the request's page.
// Never the subject or first message typed in the public form (anyone can type any address
// there), no recording content.
export type TicketReplyFacts = {
  siteName: string;
  // The replying agent's display name; without one the email says "the support team".
  agentName: string | null;
  reply: string;
  url: string;
  // The desk reads emailed answers (an inbound server or webhook is configured).
  replyByEmail: boolean;
};

const TEXT = {
  en: {
    subject: (site: string) => `New reply to your support request to ${site}`,
    intro: (f: TicketReplyFacts) => (f.agentName ? `${f.agentName}, of ${f.siteName}'s support team, replied to your request:` : `${f.siteName}'s support team replied to your request:`),
    follow: "Follow the conversation on your request's page (sign in with this email address; no password needed):",
    byEmail: "You can also answer by replying to this email.",
    button: "See my request",
  },
  fr: {
    subject: (site: string) => `Nouvelle réponse à votre demande d'assistance à ${site}`,
    intro: (f: TicketReplyFacts) => (f.agentName ? `${f.agentName}, de l'équipe support de ${f.siteName}, a répondu à votre demande :` : `L'équipe support de ${f.siteName} a répondu à votre demande :`),
    follow: "Suivez l'échange sur la page de votre demande (connectez-vous avec cette adresse ; aucun mot de passe) :",
    byEmail: "Vous pouvez aussi répondre directement à ce message.",
    button: "Voir ma demande",
  },
};

export function ticketReplyEmail(facts: TicketReplyFacts, localeValue: string | null | undefined): Omit<OutgoingMail, "to"> {
  const t = TEXT[pickLocale(localeValue)];
  const after = facts.replyByEmail ? [t.follow, t.byEmail] : [t.follow];
  return {
    subject: t.subject(facts.siteName),
    text: `${t.intro(facts)}\n\n${facts.reply}\n\n${t.follow}\n${facts.url}\n${facts.replyByEmail ? `\n${t.byEmail}\n` : ""}`,
    html: htmlEmail({ title: t.subject(facts.siteName), paragraphs: [t.intro(facts), ...paragraphsOf(facts.reply), ...after], buttons: [{ label: t.button, url: facts.url }] }),
  };
}

// A message's own line breaks, kept in the HTML twin (each line one escaped paragraph).
export function paragraphsOf(message: string): string[] {
  return message.split(/\r?\n/).filter((line) => line.trim() !== "");
}
