import { htmlEmail, pickLocale } from "@/lib/mail/templates/layout";
import type { OutgoingMail } from "@/lib/mail/send";

const TEXT = {
  en: {
    subject: "You are invited to Replaydesk",
    intro: (role: string, scope: string) => `You have been given the ${role} role on Replaydesk, for ${scope}.`,
    everySite: "every site",
    site: (name: string) => `the site "${name}"`,
    expiry: (date: string) => `This access ends on ${date} (UTC).`,
    review: (days: number) => `Access is reviewed every ${days} days; an administrator may end it at any time.`,
    how: "Sign in with this email address on the page below; we will email you a one-time sign-in link. No password needed.",
    button: "Sign in to Replaydesk",
  },
  fr: {
    subject: "Vous êtes invité·e sur Replaydesk",
    intro: (role: string, scope: string) => `Le rôle ${role} vous a été attribué sur Replaydesk, pour ${scope}.`,
    everySite: "tous les sites",
    site: (name: string) => `le site « ${name} »`,
    expiry: (date: string) => `Cet accès prend fin le ${date} (UTC).`,
    review: (days: number) => `Cet accès est revu tous les ${days} jours ; un administrateur peut y mettre fin à tout moment.`,
    how: "Connectez-vous avec cette adresse sur la page ci-dessous ; nous vous enverrons un lien de connexion à usage unique. Aucun mot de passe.",
    button: "Se connecter à Replaydesk",
  },
};

export function inviteEmail(opts: {
  url: string;
  role: string;
  siteName: string | null;
  expiresAt: Date | null;
  reviewDays: number;
  locale?: string | null;
}): Omit<OutgoingMail, "to"> {
  const t = TEXT[pickLocale(opts.locale)];
  const paragraphs = [
    t.intro(opts.role, opts.siteName ? t.site(opts.siteName) : t.everySite),
    ...(opts.expiresAt ? [t.expiry(opts.expiresAt.toISOString().slice(0, 10))] : []),
    t.review(opts.reviewDays),
    t.how,
  ];
  return {
    subject: t.subject,
    text: `${paragraphs.join("\n\n")}\n\n${opts.url}\n`,
    html: htmlEmail({ title: t.subject, paragraphs, buttons: [{ label: t.button, url: opts.url }] }),
  };
}
