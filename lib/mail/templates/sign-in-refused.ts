import { htmlEmail, pickLocale } from "@/lib/mail/templates/layout";
import type { OutgoingMail } from "@/lib/mail/send";

// Sent instead of a sign-in link to a deactivated account: the sign-in form answers exactly as for
// any other address (and takes as long, one email), so it does not tell who is deactivated; only
// the owner of the address learns it.
const TEXT = {
  en: {
    subject: "Your Replaydesk sign-in request",
    body: "Someone asked for a Replaydesk sign-in link for this address. This account is deactivated, so no link was sent. If you think this is wrong, ask your Replaydesk administrator.",
  },
  fr: {
    subject: "Votre demande de connexion Replaydesk",
    body: "Quelqu'un a demandé un lien de connexion Replaydesk pour cette adresse. Ce compte est désactivé : aucun lien n'a été envoyé. Si vous pensez que c'est une erreur, contactez votre administrateur Replaydesk.",
  },
};

export function signInRefusedEmail(opts: { locale?: string | null }): Omit<OutgoingMail, "to"> {
  const t = TEXT[pickLocale(opts.locale)];
  return { subject: t.subject, text: `${t.body}\n`, html: htmlEmail({ title: t.subject, paragraphs: [t.body] }) };
}
