import { htmlEmail, pickLocale } from "@/lib/mail/templates/layout";
import type { OutgoingMail } from "@/lib/mail/send";

export type SuspendedGrant = { email: string; role: string };

const TEXT = {
  en: {
    subject: (n: number) => (n === 1 ? "Replaydesk: 1 role was suspended (review overdue)" : `Replaydesk: ${n} roles were suspended (review overdue)`),
    intro: (days: number) =>
      `These role grants were suspended because their periodic review is more than ${days} days overdue. They give no access until an administrator reviews them again.`,
    line: (g: SuspendedGrant) => `${g.email}: ${g.role}`,
    action: "Review them on the access review page: confirm the ones still needed, revoke the others.",
    button: "Review roles",
  },
  fr: {
    subject: (n: number) => (n === 1 ? "Replaydesk : 1 rôle suspendu (revue en retard)" : `Replaydesk : ${n} rôles suspendus (revue en retard)`),
    intro: (days: number) =>
      `Ces rôles ont été suspendus car leur revue périodique a plus de ${days} jours de retard. Ils ne donnent plus aucun accès tant qu'un administrateur ne les a pas revus.`,
    line: (g: SuspendedGrant) => `${g.email} : ${g.role}`,
    action: "Revoyez-les sur la page de revue des accès : confirmez ceux qui sont encore nécessaires, révoquez les autres.",
    button: "Revoir les rôles",
  },
};

// S2: tells an admin which grants the sweeper suspended, so access that is still needed can be
// confirmed quickly and the rest revoked.
export function accessReviewEmail(opts: { grants: SuspendedGrant[]; graceDays: number; reviewUrl: string; locale?: string | null }): Omit<OutgoingMail, "to"> {
  const t = TEXT[pickLocale(opts.locale)];
  const lines = opts.grants.map(t.line);
  return {
    subject: t.subject(opts.grants.length),
    text: `${t.intro(opts.graceDays)}\n\n${lines.map((l) => `- ${l}`).join("\n")}\n\n${t.action}\n${opts.reviewUrl}\n`,
    html: htmlEmail({ title: t.subject(opts.grants.length), paragraphs: [t.intro(opts.graceDays), ...lines, t.action], buttons: [{ label: t.button, url: opts.reviewUrl }] }),
  };
}
