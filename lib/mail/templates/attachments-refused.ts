import { htmlEmail, pickLocale } from "@/lib/mail/templates/layout";
import type { OutgoingMail } from "@/lib/mail/send";

// The answer to an emailed reply that carried files (lib/inbound/receive-mail.ts): the reply was
// not added to the request. Files are not taken by email (they could hold anything, and a request
// keeps only what its customer and agents write); the link leads to the request, where the text
// can be sent again. Sent only to the reply address's own recipient, at most once an hour.
const TEXT = {
  en: {
    subject: "Your reply was not added: attachments are not accepted",
    body: "Your emailed reply to your support request carried attachments, which are not accepted by email, so it was not added to the request. Send the text again without attachments, by replying to this email or from the request's page:",
    button: "Open the request",
  },
  fr: {
    subject: "Votre réponse n'a pas été ajoutée : pièces jointes refusées",
    body: "Votre réponse par e-mail à votre demande d'assistance contenait des pièces jointes, qui ne sont pas acceptées par e-mail : elle n'a donc pas été ajoutée à la demande. Renvoyez le texte sans pièce jointe, en répondant à ce message ou depuis la page de la demande :",
    button: "Ouvrir la demande",
  },
};

export function attachmentsRefusedEmail(opts: { url: string; locale?: string | null }): Omit<OutgoingMail, "to"> {
  const t = TEXT[pickLocale(opts.locale)];
  return {
    subject: t.subject,
    text: `${t.body}\n\n${opts.url}\n`,
    html: htmlEmail({ title: t.subject, paragraphs: [t.body], buttons: [{ label: t.button, url: opts.url }] }),
  };
}
