import { htmlEmail, pickLocale, type Locale } from "@/lib/mail/templates/layout";
import type { OutgoingMail } from "@/lib/mail/send";
import { maskingStatements, personLabel, spellDuration, spellTime, type ApprovalFacts } from "@/lib/reveal/approval-text";

// What the customer approves: a named agent, a scope, and the recording as it stands when they
// answer. Durations are spelled from the real deadlines at the moment the email is rendered.
export type RevealMailFacts = ApprovalFacts & {
  justification: string;
  recordedAt: Date;
  durationSeconds: number;
  pages: string[];
  deadlines: { linkUntil: Date; viewUntil: Date; deleteAfter: Date | null };
  approveUrl: string;
  declineUrl: string;
};

const left = (until: Date, now: Date, l: Locale) => spellDuration(until.getTime() - now.getTime(), l);

const TEXT = {
  en: {
    subject: (site: string) => `May we view your recorded visit to ${site}?`,
    intro: (f: RevealMailFacts) => `${personLabel(f.agent)}, from the support team of ${f.siteName}, asks to view the recording of your visit to help with your request. If you approve, ${personLabel(f.agent)} alone may watch it.`,
    why: (f: RevealMailFacts) => `Their reason: “${f.justification}”`,
    which: (f: RevealMailFacts) =>
      `The recording as it stands: made ${spellTime(f.recordedAt, "en")}, ${spellDuration(f.durationSeconds * 1000, "en")} long, pages: ${f.pages.join(", ") || "not recorded"}. Your approval covers what was recorded up to your answer, nothing recorded later.`,
    never: "Passwords and card numbers are never recorded, in any case.",
    duration: (f: RevealMailFacts, now: Date) => `If you approve, ${personLabel(f.agent)} can watch it for at most ${left(f.deadlines.viewUntil, now, "en")}, never after the recording is deleted. You can withdraw your approval at any time from your request's page.`,
    deletion: (f: RevealMailFacts, now: Date) =>
      f.deadlines.deleteAfter
        ? `The recording is deleted in ${left(f.deadlines.deleteAfter, now, "en")} (${spellTime(f.deadlines.deleteAfter, "en")}) whatever you choose; if you decline, you can delete it at once.`
        : "The recording is deleted a few hours after your visit whatever you choose; if you decline, you can delete it at once.",
    expiry: (f: RevealMailFacts, now: Date) => `Each link works once, for ${left(f.deadlines.linkUntil, now, "en")} (until ${spellTime(f.deadlines.linkUntil, "en")}). Nothing happens until you confirm on the page it opens.`,
    approve: "Approve viewing",
    decline: "Decline",
  },
  fr: {
    subject: (site: string) => `Pouvons-nous voir l'enregistrement de votre visite sur ${site} ?`,
    intro: (f: RevealMailFacts) => `${personLabel(f.agent)}, de l'équipe support de ${f.siteName}, demande à voir l'enregistrement de votre visite pour traiter votre demande. Si vous acceptez, seule cette personne pourra le voir.`,
    why: (f: RevealMailFacts) => `Motif : « ${f.justification} »`,
    which: (f: RevealMailFacts) =>
      `L'enregistrement tel qu'il est : fait le ${spellTime(f.recordedAt, "fr")}, durée ${spellDuration(f.durationSeconds * 1000, "fr")}, pages : ${f.pages.join(", ") || "non enregistrées"}. Votre accord couvre ce qui a été enregistré jusqu'à votre réponse, rien de ce qui le serait ensuite.`,
    never: "Les mots de passe et numéros de carte ne sont jamais enregistrés.",
    duration: (f: RevealMailFacts, now: Date) => `Si vous acceptez, l'accès dure ${left(f.deadlines.viewUntil, now, "fr")} au plus, jamais au-delà de la suppression de l'enregistrement. Vous pouvez retirer votre accord à tout moment depuis la page de votre demande.`,
    deletion: (f: RevealMailFacts, now: Date) =>
      f.deadlines.deleteAfter
        ? `L'enregistrement sera supprimé dans ${left(f.deadlines.deleteAfter, now, "fr")} (${spellTime(f.deadlines.deleteAfter, "fr")}), quel que soit votre choix ; si vous refusez, vous pourrez le supprimer tout de suite.`
        : "L'enregistrement sera supprimé quelques heures après votre visite, quel que soit votre choix ; si vous refusez, vous pourrez le supprimer tout de suite.",
    expiry: (f: RevealMailFacts, now: Date) => `Chaque lien ne sert qu'une fois, pendant ${left(f.deadlines.linkUntil, now, "fr")} (jusqu'au ${spellTime(f.deadlines.linkUntil, "fr")}). Rien ne se passe tant que vous n'avez pas confirmé sur la page qu'il ouvre.`,
    approve: "Accepter",
    decline: "Refuser",
  },
};

// Plain text first (it carries the links in full), an HTML twin with two buttons.
export function revealRequestEmail(facts: RevealMailFacts, localeValue: string | null | undefined, now = new Date()): Omit<OutgoingMail, "to"> {
  const locale = pickLocale(localeValue);
  const t = TEXT[locale];
  const paragraphs = [t.intro(facts), t.why(facts), t.which(facts), ...maskingStatements(facts, locale), t.never, t.duration(facts, now), t.deletion(facts, now), t.expiry(facts, now)];
  return {
    subject: t.subject(facts.siteName),
    text: `${paragraphs.join("\n\n")}\n\n${t.approve}: ${facts.approveUrl}\n${t.decline}: ${facts.declineUrl}\n`,
    html: htmlEmail({ title: t.subject(facts.siteName), paragraphs, buttons: [{ label: t.approve, url: facts.approveUrl }, { label: t.decline, url: facts.declineUrl }] }),
  };
}
