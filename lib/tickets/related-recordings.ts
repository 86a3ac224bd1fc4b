import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { appendAudit } from "@/lib/audit/append";
import { queueTicketWhere } from "@/lib/tickets/visibility";
import { recordingMetadata } from "@/lib/recordings/recording-summary";

// Other recordings of the same person on the same site, found by the pseudonymous user id (I2/I3)
// of the ticket's recordings; still within retention by construction (deleted ones are gone).
// Only pseudonyms the publisher's backend signed link anything (security M1): otherwise a
// customer could claim someone's pseudonym and approve viewing their recordings.
// Metadata only: the agent never sees an email, a name or the pseudonym itself.
export async function listRelatedRecordings(actor: Actor, ticketId: string) {
  const ticket = await db().ticket.findFirst({ where: { AND: [queueTicketWhere(actor), { id: ticketId }] }, include: { recordings: { where: { pseudonymVerified: true }, select: { pseudonym: true } } } });
  if (!ticket) throw new AppError("not_found", "No such ticket.");
  const pseudonyms = [...new Set(ticket.recordings.map((s) => s.pseudonym).filter((p): p is string => p !== null))];
  if (pseudonyms.length === 0) return { recordings: [] };
  const related = await db().recording.findMany({
    where: { siteId: ticket.siteId, pseudonym: { in: pseudonyms }, pseudonymVerified: true, OR: [{ ticketId: null }, { ticketId: { not: ticket.id } }] },
    orderBy: { startedAt: "desc" },
    take: 20,
    select: { id: true, startedAt: true, lastEventAt: true, pages: true, userAgent: true, errorCount: true, triggeredAt: true, ticketId: true, deleteAfter: true },
  });
  return {
    recordings: related.map((s) => ({
      ...recordingMetadata(s),
      // Linked to another ticket: shown for context, but it stays with that ticket.
      linkable: s.ticketId === null,
    })),
  };
}

// Links one of those recordings to this ticket, so the agent can ask the customer to view it.
export async function linkRelatedRecording(actor: Actor, ticketId: string, recordingId: string, now = new Date()) {
  const { recordings } = await listRelatedRecordings(actor, ticketId);
  const target = recordings.find((r) => r.id === recordingId);
  if (!target) throw new AppError("not_found", "No such recording among this ticket's related recordings.");
  if (!target.linkable) throw new AppError("conflict", "This recording belongs to another ticket.");
  await db().$transaction(async (tx) => {
    const { count } = await tx.recording.updateMany({ where: { id: recordingId, ticketId: null }, data: { ticketId } });
    if (count === 0) throw new AppError("conflict", "This recording was linked or deleted meanwhile.");
    const ticket = await tx.ticket.findUniqueOrThrow({ where: { id: ticketId }, select: { siteId: true } });
    await appendAudit({ actor: { id: actor.userId, label: actor.email }, action: "recording.link", target: { type: "recording", id: recordingId }, siteId: ticket.siteId, details: { ticketId, via: "pseudonym" }, at: now }, tx);
  });
  return { linked: true };
}
