import { htmlEmail, pickLocale } from "@/lib/mail/templates/layout";
import type { OutgoingMail } from "@/lib/mail/send";

const TEXT = {
  en: {
    subject: "Your Replaydesk sign-in link",
    intro: "Use this link to sign in to Replaydesk. It works once.",
    expiry: (m: number) => `It expires in ${m} minutes. If you did not ask for it, ignore this email.`,
    button: "Sign in",
  },
  fr: {
    subject: "Votre lien de connexion Replaydesk",
    intro: "Utilisez ce lien pour vous connecter à Replaydesk. Il ne fonctionne qu'une fois.",
    expiry: (m: number) => `Il expire dans ${m} minutes. Si vous ne l'avez pas demandé, ignorez ce message.`,
    button: "Se connecter",
  },
};

export function signInEmail(opts: { url: string; minutes: number; locale?: string | null }): Omit<OutgoingMail, "to"> {
  const t = TEXT[pickLocale(opts.locale)];
  return {
    subject: t.subject,
    text: `${t.intro}\n\n${opts.url}\n\n${t.expiry(opts.minutes)}\n`,
    html: htmlEmail({ title: t.subject, paragraphs: [t.intro, t.expiry(opts.minutes)], buttons: [{ label: t.button, url: opts.url }] }),
  };
}
