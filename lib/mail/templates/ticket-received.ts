import { htmlEmail, pickLocale } from "@/lib/mail/templates/layout";
import type { OutgoingMail } from "@/lib/mail/send";

// The one email a ticket from a publisher's page (or backend) sends to the address typed into it.
// Anyone holding the public site key can type any address, so the email never quotes what was
// typed (subject, message): only the site's name, set by its admin, and our own link.
//   new:     the address had no account; it now has one, holding the ticket.
//   confirm: the address has an account; the ticket joins it only if its owner confirms.
//   staff:   the address is a staff account, which never takes customer tickets.
export type TicketReceivedKind = "new" | "confirm" | "staff";

const TEXT = {
  en: {
    new: {
      subject: "We received your support request",
      body: (site: string) => `Your support request to ${site} was received. Follow it and the support team's answers from your requests page (sign in with this email address; no password needed):`,
      button: "See my request",
    },
    confirm: {
      subject: "Is this support request yours?",
      body: (site: string) => `A support request was sent to ${site} with this email address. If it was you, confirm it to follow it from your account. If it was not you, ignore this email: the request stays out of your account.`,
      button: "Yes, it is my request",
    },
    staff: {
      subject: "A support request used your address",
      body: (site: string) => `A support request was sent to ${site} with this email address. Staff accounts do not take customer requests, so it was not added to your account. If it was you, send it again with another address.`,
      button: "",
    },
  },
  fr: {
    new: {
      subject: "Nous avons reçu votre demande d'assistance",
      body: (site: string) => `Votre demande d'assistance à ${site} a bien été reçue. Suivez-la, ainsi que les réponses de l'équipe, depuis la page de vos demandes (connectez-vous avec cette adresse ; aucun mot de passe) :`,
      button: "Voir ma demande",
    },
    confirm: {
      subject: "Cette demande d'assistance est-elle la vôtre ?",
      body: (site: string) => `Une demande d'assistance a été envoyée à ${site} avec cette adresse. Si c'était vous, confirmez-la pour la suivre depuis votre compte. Sinon, ignorez ce message : la demande reste hors de votre compte.`,
      button: "Oui, c'est ma demande",
    },
    staff: {
      subject: "Une demande d'assistance a utilisé votre adresse",
      body: (site: string) => `Une demande d'assistance a été envoyée à ${site} avec cette adresse. Les comptes de l'équipe ne reçoivent pas de demandes de clients : elle n'a pas été ajoutée à votre compte. Si c'était vous, renvoyez-la avec une autre adresse.`,
      button: "",
    },
  },
};

export function ticketReceivedEmail(opts: { kind: TicketReceivedKind; siteName: string; url: string | null; locale?: string | null }): Omit<OutgoingMail, "to"> {
  const t = TEXT[pickLocale(opts.locale)][opts.kind];
  const body = t.body(opts.siteName);
  return {
    subject: t.subject,
    text: `${body}\n${opts.url ? `\n${opts.url}\n` : ""}`,
    html: htmlEmail({ title: t.subject, paragraphs: [body], buttons: opts.url ? [{ label: t.button, url: opts.url }] : [] }),
  };
}
