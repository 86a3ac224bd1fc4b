import { htmlEmail, pickLocale } from "@/lib/mail/templates/layout";
import type { OutgoingMail } from "@/lib/mail/send";
import { paragraphsOf } from "@/lib/mail/templates/ticket-reply";

// To staff when a customer writes on a ticket: to its assignee, or, unassigned, to the site's
// staff who opted in (lib/notifications/policy.ts). The message is what the desk shows them too;
// the ticket's subject stays on the desk.
export type CustomerMessageFacts = {
  siteName: string;
  message: string;
  assignedToRecipient: boolean;
  url: string;
  replyByEmail: boolean;
};

const TEXT = {
  en: {
    subject: (site: string, mine: boolean) => (mine ? `A customer wrote on your ticket (${site})` : `A customer wrote on an unassigned ticket (${site})`),
    intro: (f: CustomerMessageFacts) => (f.assignedToRecipient ? `The customer wrote on a ${f.siteName} ticket assigned to you:` : `The customer wrote on an unassigned ${f.siteName} ticket:`),
    open: "Open the ticket on the desk:",
    byEmail: "Replying to this email adds your answer to the ticket.",
    settings: "You chose these emails on your account page, where you can turn them off.",
    button: "Open the ticket",
  },
  fr: {
    subject: (site: string, mine: boolean) => (mine ? `Un client a écrit sur votre ticket (${site})` : `Un client a écrit sur un ticket non attribué (${site})`),
    intro: (f: CustomerMessageFacts) => (f.assignedToRecipient ? `Le client a écrit sur un ticket de ${f.siteName} qui vous est attribué :` : `Le client a écrit sur un ticket non attribué de ${f.siteName} :`),
    open: "Ouvrir le ticket dans le bureau d'assistance :",
    byEmail: "Répondre à ce message ajoute votre réponse au ticket.",
    settings: "Vous avez choisi ces messages sur la page de votre compte, où vous pouvez les désactiver.",
    button: "Ouvrir le ticket",
  },
};

export function customerMessageEmail(facts: CustomerMessageFacts, localeValue: string | null | undefined): Omit<OutgoingMail, "to"> {
  const t = TEXT[pickLocale(localeValue)];
  const subject = t.subject(facts.siteName, facts.assignedToRecipient);
  const after = [...(facts.replyByEmail ? [t.byEmail] : []), t.settings];
  return {
    subject,
    text: `${t.intro(facts)}\n\n${facts.message}\n\n${t.open}\n${facts.url}\n\n${after.join("\n")}\n`,
    html: htmlEmail({ title: subject, paragraphs: [t.intro(facts), ...paragraphsOf(facts.message), ...after], buttons: [{ label: t.button, url: facts.url }] }),
  };
}
