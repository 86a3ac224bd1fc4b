import "server-only";
import { db } from "@/lib/db/client";
import { customerError } from "@/lib/i18n/customer-error";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { hashToken } from "@/lib/crypto/tokens";
import { notifyTicketEvent } from "@/lib/notifications/notify-ticket-event";
import { accessUntil } from "@/lib/reveal/policy";
import { APPROVAL_INCLUDE, approvalFacts } from "@/lib/reveal/approval-facts";
import { maskingStatements, personLabel } from "@/lib/reveal/approval-text";
import type { Locale } from "@/lib/i18n/locales";
import { answerReveal, withdrawOpenReveal } from "@/lib/reveal/reveal-status";

// The request an approval link is about. A declined request keeps its link until the link
// expires or the recording is deleted: the customer may come back to delete the recording.
export async function findByToken(token: string, viewer: Actor | null, now: Date) {
  const request = await db().revealRequest.findUnique({ where: { tokenHash: hashToken(token) }, include: APPROVAL_INCLUDE });
  // A link is live only once its email has left (the outbox sets mailedAt): its lifetime counts from then.
  if (!request || !request.recording || !request.mailedAt) throw customerError("gone", "linkUsed");
  // The link is the customer's; someone signed in as another account may not use it.
  if (viewer && viewer.userId !== request.ticket.customerId) throw customerError("forbidden", "linkOtherAccount");
  // Only pending and declined requests keep a link; either way it dies at its expiry.
  if (request.tokenExpiresAt <= now) throw customerError("gone", "linkExpired");
  return { ...request, recording: request.recording };
}

// What the approval page shows before the customer confirms (reading it changes nothing): the
// same facts as the email, with the deadlines an approval given now would have.
export async function lookupReveal(token: string, viewer: Actor | null, now = new Date(), locale: Locale = "en") {
  const r = await findByToken(token, viewer, now);
  const facts = approvalFacts(r, now);
  return {
    status: r.status as "pending" | "declined",
    siteName: facts.siteName,
    ticketId: r.ticket.id,
    ticketSubject: r.ticket.subject,
    agent: facts.agent,
    justification: facts.justification,
    scope: facts.scope,
    recordedAt: facts.recordedAt.toISOString(),
    durationSeconds: facts.durationSeconds,
    pages: facts.pages,
    // Sentences, in the email's words: what would be visible and what stays masked in this mode.
    masking: maskingStatements(facts, locale),
    now: now.toISOString(),
    // The customer's own time zone (null: UTC), for the page's dates.
    timeZone: r.ticket.customer?.timeZone ?? null,
    deadlines: {
      linkUntil: facts.deadlines.linkUntil.toISOString(),
      viewUntil: facts.deadlines.viewUntil.toISOString(),
      deleteAfter: facts.deadlines.deleteAfter?.toISOString() ?? null,
    },
  };
}

// The customer's answer, by POST only. Single use: the conditional update lets exactly one of two
// concurrent answers through. An approval clears the link; a decline keeps it for deleting the
// recording (nothing else can be done with it). The approval covers what was stored up to now.
export async function decideReveal(token: string, decision: "approve" | "decline", viewer: Actor | null, now = new Date()) {
  const r = await findByToken(token, viewer, now);
  const tokenHash = hashToken(token);
  const approved = decision === "approve";
  const until = approved ? accessUntil(now, r.recording.deleteAfter) : null;
  return db().$transaction(async (tx) => {
    if (!(await answerReveal(tx, r, tokenHash, decision, until, now))) throw customerError("gone", "linkUsed");
    await notifyTicketEvent(tx, { kind: "reveal-decided", ticketId: r.ticket.id, revealId: r.id, authorId: r.ticket.customerId }, now);
    return {
      status: approved ? ("approved" as const) : ("declined" as const),
      ticketId: r.ticket.id,
      agent: personLabel(approvalFacts(r, now).agent),
      coversUntil: now.toISOString(),
      accessUntil: until?.toISOString() ?? null,
    };
  });
}

// The customer withdraws an approval (or a pending request) from their ticket page: access stops
// at once.
export async function withdrawReveal(actor: Actor, revealId: string, now = new Date()) {
  const r = await db().revealRequest.findFirst({ where: { id: revealId, ticket: { customerId: actor.userId } }, select: { id: true, status: true, ticketId: true, ticket: { select: { siteId: true } } } });
  if (!r) throw new AppError("not_found", "No such request.");
  return db().$transaction(async (tx) => {
    if (!(await withdrawOpenReveal(tx, actor.userId, { id: r.id, ticketId: r.ticketId, siteId: r.ticket.siteId }, now))) throw new AppError("conflict", "This request is not active any more.");
    return { status: "withdrawn" as const };
  });
}
