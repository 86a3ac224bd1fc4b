import { emailTranslator } from "@/lib/i18n/translator";
import { localeOrDefault } from "@/lib/i18n/locales";
import { htmlEmail } from "@/lib/mail/templates/layout";
import type { OutgoingMail } from "@/lib/mail/send";
import { maskingStatements, personLabel, spellDuration, spellTime, type ApprovalFacts } from "@/lib/reveal/approval-text";

// What the customer approves: a named agent, a scope, and the recording as it stands when they
// answer. Durations are spelled from the real deadlines at the moment the email is rendered.
// Texts: messages/*.json, email.revealRequest (the masking statements: lib/reveal/approval-text.ts).
export type RevealMailFacts = ApprovalFacts & {
  justification: string;
  recordedAt: Date;
  durationSeconds: number;
  pages: string[];
  deadlines: { linkUntil: Date; viewUntil: Date; deleteAfter: Date | null };
  approveUrl: string;
  declineUrl: string;
};

// Plain text first (it carries the links in full), an HTML twin with two buttons.
export function revealRequestEmail(facts: RevealMailFacts, localeValue: string | null | undefined, now = new Date()): Omit<OutgoingMail, "to"> {
  const locale = localeOrDefault(localeValue);
  const t = emailTranslator(locale, "email");
  const left = (until: Date) => spellDuration(until.getTime() - now.getTime(), locale);
  const agent = personLabel(facts.agent);
  const { linkUntil, viewUntil, deleteAfter } = facts.deadlines;
  const subject = t("revealRequest.subject", { site: facts.siteName });
  const paragraphs = [
    t("revealRequest.intro", { agent, site: facts.siteName }),
    t("revealRequest.why", { justification: facts.justification }),
    t("revealRequest.which", {
      recordedAt: spellTime(facts.recordedAt, locale),
      duration: spellDuration(facts.durationSeconds * 1000, locale),
      pages: facts.pages.join(", ") || t("revealRequest.pagesNotRecorded"),
    }),
    ...maskingStatements(facts, locale),
    t("revealRequest.never"),
    t("revealRequest.duration", { agent, left: left(viewUntil) }),
    deleteAfter ? t("revealRequest.deletion", { left: left(deleteAfter), when: spellTime(deleteAfter, locale) }) : t("revealRequest.deletionUnscheduled"),
    t("revealRequest.expiry", { left: left(linkUntil), until: spellTime(linkUntil, locale) }),
  ];
  const approve = t("revealRequest.approve");
  const decline = t("revealRequest.decline");
  return {
    subject,
    text: `${paragraphs.join("\n\n")}\n\n${approve}: ${facts.approveUrl}\n${decline}: ${facts.declineUrl}\n`,
    html: htmlEmail({ title: subject, paragraphs, buttons: [{ label: approve, url: facts.approveUrl }, { label: decline, url: facts.declineUrl }] }),
  };
}
