import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import type { Actor } from "@/lib/auth/actor";
import { auditActor, siteIdWhere } from "@/lib/auth/scope";
import { appendAudit } from "@/lib/audit/append";
import type { TRightsRequest } from "@/lib/rights/schemas";
import { auditTarget, resolveSubject, RIGHTS, subjectNotFound, type Subject } from "@/lib/rights/subject";
import { stringList } from "@/lib/db/json";

const iso = (d: Date | null) => d?.toISOString() ?? null;

function notes(subject: Subject) {
  return {
    consent: `Consent records are kept per browser session, with the session only as a keyed hash and no link to a person, an account or a pseudonym: they cannot be found, exported or erased for someone. They are deleted after ${env().CONSENT_RETENTION_DAYS} days.`,
    erasure:
      subject.by === "email"
        ? "Erasing deletes the recordings listed (their keys destroyed, a receipt kept without personal data) and anonymises the tickets (the customer's words replaced; the tickets stay for the support team's records). The sign-in account goes too, unless it holds a staff role or has tickets on sites you do not cover."
        : "Erasing deletes the recordings listed. Tickets linked to them belong to an account: find it by its email address to export or erase it.",
  };
}

// What is held about the person a rights request names, on the sites the staff member covers:
// tickets, recordings' metadata, how many requests to view them were made. The lookup itself is
// audited (who looked, why, and whether anyone was found), found or not.
export async function findSubjectData(actor: Actor, request: TRightsRequest, now = new Date()) {
  const subject = await resolveSubject(actor, request.subject);
  await appendAudit({
    actor: auditActor(actor),
    action: "rights.find",
    target: auditTarget(subject),
    siteId: subject?.by === "pseudonym" ? subject.site.id : null,
    justification: request.reason,
    details: { by: request.subject.by, found: subject !== null, recordings: subject?.recordingIds.length ?? 0 },
    at: now,
  });
  if (!subject) throw subjectNotFound(request.subject);
  const recordings = await db().recording.findMany({ where: { id: { in: subject.recordingIds } }, orderBy: { startedAt: "asc" }, include: { site: { select: { name: true } } } });
  const ticketWhere = subject.by === "email" ? { customerId: subject.user.id, ...siteIdWhere(actor, RIGHTS) } : { id: { in: recordings.flatMap((r) => (r.ticketId ? [r.ticketId] : [])) } };
  const tickets = await db().ticket.findMany({ where: ticketWhere, orderBy: { createdAt: "asc" }, include: { site: { select: { name: true } }, _count: { select: { messages: true } } } });
  const approvals = await db().revealRequest.count({ where: { OR: [{ ticketId: { in: tickets.map((t) => t.id) } }, { recordingId: { in: subject.recordingIds } }] } });
  const ticketed = new Set(tickets.map((t) => t.id));
  return {
    subject: subject.by === "email" ? { by: "email" as const, account: { id: subject.user.id, email: subject.user.email, createdAt: iso(subject.user.createdAt) } } : { by: "pseudonym" as const, site: subject.site },
    tickets: tickets.map((t) => ({ id: t.id, site: t.site.name, subject: t.subject, status: t.status, createdAt: iso(t.createdAt), closedAt: iso(t.closedAt), messages: t._count.messages })),
    recordings: recordings.map((r) => ({
      id: r.id,
      site: r.site.name,
      ticketId: r.ticketId,
      linkedBy: subject.by === "pseudonym" || !(r.ticketId && ticketed.has(r.ticketId)) ? "pseudonym" : "ticket",
      maskingMode: r.maskingMode,
      startedAt: iso(r.startedAt),
      deleteAfter: iso(r.deleteAfter),
      pages: stringList(r.pages, "RecordedSession.pages").length,
    })),
    approvals,
    notes: notes(subject),
  };
}

export type SubjectData = Awaited<ReturnType<typeof findSubjectData>>;
