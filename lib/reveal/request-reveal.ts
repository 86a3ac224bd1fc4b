import "server-only";
import { db, type Tx } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { actorForUser, type Actor } from "@/lib/auth/actor";
import { coversSite } from "@/lib/auth/scope";
import { appendAudit, type AuditInput } from "@/lib/audit/append";
import { derivedToken, hashToken } from "@/lib/crypto/tokens";
import { enqueueMail } from "@/lib/jobs/enqueue";
import type { OutgoingMail } from "@/lib/mail/send";
import { revealRequestEmail } from "@/lib/mail/templates/reveal-request";
import { queueTicketWhere } from "@/lib/tickets/visibility";
import { normalizeEmail } from "@/lib/users/grants";
import { enqueueWebhookEvents } from "@/lib/webhooks/events";
import { askRefusal, ticketAskRefusal, tokenExpiry } from "@/lib/reveal/policy";
import { APPROVAL_INCLUDE, approvalFacts } from "@/lib/reveal/approval-facts";
import type { TRevealRequestInput } from "@/lib/reveal/schemas";

// The token travels in the URL fragment: browsers never send it to a server, so it stays out of
// access logs and Referer headers; the page posts it back only when the customer confirms.
export function approvalUrl(token: string, decision: "approve" | "decline"): string {
  return new URL(`/approve#token=${token}&decision=${decision}`, env().APP_URL).href;
}

// An agent asks the customer to approve viewing one recording of their ticket; the customer gets
// an email (queued with the request, sent by the outbox) naming that agent (the one person the approval lets watch), why, what would be visible
// in this recording's mode, for how long, and approve/decline links. Each agent asks for
// themselves, even while a colleague's request waits. `by`: who is audited when someone else asks
// on the agent's behalf (a publisher's backend, by API token); the agent is still the requester.
export async function requestReveal(actor: Actor, input: TRevealRequestInput, now = new Date(), by?: AuditInput["actor"]) {
  const ticket = await db().ticket.findFirst({
    where: { AND: [queueTicketWhere(actor, "replay:request"), { id: input.ticketId }] },
    include: { customer: { select: { id: true, email: true } } },
  });
  if (!ticket) throw new AppError("not_found", "No such ticket.");
  const context = { ticketClosed: ticket.status === "closed", customerPresent: ticket.customer !== null };
  // A closed ticket's recordings may already be gone: say why before looking for one.
  const ticketRefusal = ticketAskRefusal(context);
  if (ticketRefusal) throw new AppError("conflict", ticketRefusal);
  const recording = await db().recording.findFirst({
    where: { id: input.recordingId, ticketId: ticket.id },
    include: { _count: { select: { chunks: { where: { stream: "vault" } } } }, reveals: { where: { status: "pending" } } },
  });
  if (!recording) throw new AppError("not_found", "No such recording on this ticket.");
  const refusal = askRefusal(
    { ...context, maskingMode: recording.maskingMode, keepsUnmasked: recording._count.chunks > 0 },
    recording.reveals,
    actor.userId,
    input.scope,
    now,
  );
  if (refusal) throw new AppError("conflict", refusal);
  const customer = ticket.customer!;

  const request = await db().$transaction(async (tx) => {
    const created = await tx.revealRequest.create({
      data: {
        recordingId: recording.id,
        ticketId: ticket.id,
        requesterId: actor.userId,
        scope: input.scope,
        justification: input.justification,
        // Provisional: counted again from the moment the email leaves (markRevealMailed).
        tokenExpiresAt: tokenExpiry(now, recording.deleteAfter),
        createdAt: now,
      },
    });
    // The token is derived from the request's id, so the email can be rendered when it is sent
    // (and again after a crash) while only its hash is stored.
    await tx.revealRequest.update({ where: { id: created.id }, data: { tokenHash: hashToken(derivedToken("reveal-approval", created.id)) } });
    await appendAudit(
      {
        actor: by ?? { id: actor.userId, label: actor.email },
        action: "reveal.request",
        target: { type: "reveal", id: created.id },
        siteId: ticket.siteId,
        justification: input.justification,
        details: { ticketId: ticket.id, recordingId: recording.id, scope: input.scope, ...(by ? { onBehalfOf: actor.userId } : {}) },
        at: now,
      },
      tx,
    );
    await enqueueWebhookEvents(tx, [{ type: "reveal.requested", data: { siteId: ticket.siteId, ticketId: ticket.id, revealId: created.id, recordingId: recording.id } }], now);
    await enqueueMail(tx, { template: "reveal-request", params: { revealId: created.id }, to: { email: customer.email, userId: customer.id }, ticketId: ticket.id }, now);
    return created;
  });
  return { id: request.id, status: "pending" as const, tokenExpiresAt: request.tokenExpiresAt.toISOString() };
}

// A publisher's backend asks on behalf of a named agent: the agent must be an active account
// holding the ask permission on the ticket's site (else 403 saying which), and the ticket must be
// the token's site's (else 404). The request is the agent's own, as if they had asked.
export async function requestRevealForAgent(siteId: string, by: AuditInput["actor"], agentEmail: string, input: TRevealRequestInput, now = new Date()) {
  const ticket = await db().ticket.findFirst({ where: { id: input.ticketId, siteId }, select: { id: true } });
  if (!ticket) throw new AppError("not_found", "No such ticket on this site.");
  const user = await db().user.findUnique({ where: { email: normalizeEmail(agentEmail) }, select: { id: true } });
  const agent = user ? await actorForUser(user.id, now) : null;
  if (!agent) throw new AppError("forbidden", "agentEmail names no active account.");
  if (!coversSite(agent, "replay:request", siteId)) throw new AppError("forbidden", "The agent does not hold the replay:request permission on this site.");
  return requestReveal(agent, input, now, by);
}

// Rendered when the outbox sends it, from the stored request: every duration it states counts
// from that moment. A request no longer pending, or whose recording is gone, sends nothing.
export async function renderRevealRequest(p: { revealId: string }, now: Date): Promise<Omit<OutgoingMail, "to"> | null> {
  const request = await db().revealRequest.findFirst({ where: { id: p.revealId, status: "pending" }, include: APPROVAL_INCLUDE });
  if (!request?.recording || !request.ticket.customerId) return null;
  const customer = await db().user.findUnique({ where: { id: request.ticket.customerId }, select: { locale: true } });
  const token = derivedToken("reveal-approval", request.id);
  const linkUntil = tokenExpiry(now, request.recording.deleteAfter);
  const facts = approvalFacts({ ...request, tokenExpiresAt: linkUntil, recording: request.recording }, now);
  return revealRequestEmail({ ...facts, approveUrl: approvalUrl(token, "approve"), declineUrl: approvalUrl(token, "decline") }, customer?.locale, now);
}

// The email is leaving (just before the SMTP transaction): the link works from now on, for the
// lifetime the email states, never past the recording's deletion. Set before the server's answer so
// that a link read at once is already live; undone if the send fails (unmarkRevealMailed).
export async function markRevealMailed(tx: Tx, p: { revealId: string }, now: Date): Promise<void> {
  const request = await tx.revealRequest.findUnique({ where: { id: p.revealId }, select: { status: true, ticket: { select: { siteId: true } }, recording: { select: { deleteAfter: true } } } });
  if (!request || request.status !== "pending") return;
  await tx.revealRequest.update({ where: { id: p.revealId }, data: { mailedAt: now, tokenExpiresAt: tokenExpiry(now, request.recording?.deleteAfter ?? null) } });
  await appendAudit({ actor: { id: null, label: "system" }, action: "reveal.email-sent", target: { type: "reveal", id: p.revealId }, siteId: request.ticket.siteId, at: now }, tx);
}

// The mail server refused the email or could not be reached: the request waits, unanswerable, for
// the next attempt (audited, since the sending was).
export async function unmarkRevealMailed(tx: Tx, p: { revealId: string }, now: Date): Promise<void> {
  const request = await tx.revealRequest.findUnique({ where: { id: p.revealId }, select: { status: true, ticket: { select: { siteId: true } } } });
  if (!request || request.status !== "pending") return;
  await tx.revealRequest.update({ where: { id: p.revealId }, data: { mailedAt: null } });
  await appendAudit({ actor: { id: null, label: "system" }, action: "reveal.email-failed", target: { type: "reveal", id: p.revealId }, siteId: request.ticket.siteId, at: now }, tx);
}
