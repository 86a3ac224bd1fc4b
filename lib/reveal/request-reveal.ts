import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { appendAudit } from "@/lib/audit/append";
import { hashToken, randomToken } from "@/lib/crypto/tokens";
import { sendMail } from "@/lib/mail/send";
import { revealRequestEmail } from "@/lib/mail/templates/reveal-request";
import { queueTicketWhere } from "@/lib/tickets/visibility";
import { askRefusal, ticketAskRefusal, tokenExpiry } from "@/lib/reveal/policy";
import { APPROVAL_INCLUDE, approvalFacts } from "@/lib/reveal/approval-facts";
import { revokeOpenReveals } from "@/lib/reveal/reveal-status";
import type { TRevealRequestInput } from "@/lib/reveal/schemas";

// The token travels in the URL fragment: browsers never send it to a server, so it stays out of
// access logs and Referer headers; the page posts it back only when the customer confirms.
export function approvalUrl(token: string, decision: "approve" | "decline"): string {
  return new URL(`/approve#token=${token}&decision=${decision}`, env().APP_URL).href;
}

// An agent asks the customer to approve viewing one recording of their ticket; the customer gets
// an email naming that agent (the one person the approval lets watch), why, what would be visible
// in this recording's mode, for how long, and approve/decline links. Each agent asks for
// themselves, even while a colleague's request waits.
export async function requestReveal(actor: Actor, input: TRevealRequestInput, now = new Date()) {
  const ticket = await db().ticket.findFirst({
    where: { AND: [queueTicketWhere(actor, "replay:request"), { id: input.ticketId }] },
    include: { customer: { select: { id: true, email: true, locale: true } } },
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

  const token = randomToken();
  const request = await db().$transaction(async (tx) => {
    const created = await tx.revealRequest.create({
      data: {
        recordingId: recording.id,
        ticketId: ticket.id,
        requesterId: actor.userId,
        scope: input.scope,
        justification: input.justification,
        tokenHash: hashToken(token),
        tokenExpiresAt: tokenExpiry(now, recording.deleteAfter),
        createdAt: now,
      },
    });
    await appendAudit(
      { actor: { id: actor.userId, label: actor.email }, action: "reveal.request", target: { type: "reveal", id: created.id }, siteId: ticket.siteId, justification: input.justification, details: { ticketId: ticket.id, recordingId: recording.id, scope: input.scope }, at: now },
      tx,
    );
    return tx.revealRequest.findUniqueOrThrow({ where: { id: created.id }, include: APPROVAL_INCLUDE });
  });

  // Rendered now, from the stored request: the durations it states are the real ones.
  const mail = revealRequestEmail(
    { ...approvalFacts({ ...request, recording: request.recording! }, new Date()), approveUrl: approvalUrl(token, "approve"), declineUrl: approvalUrl(token, "decline") },
    customer.locale,
  );
  try {
    await sendMail({ to: customer.email, ...mail });
  } catch {
    // No email, no request: the customer could never answer it.
    await db().$transaction(async (tx) => {
      await revokeOpenReveals(tx, { revealIds: [request.id] }, new Date());
      await appendAudit({ actor: { id: null, label: "system" }, action: "reveal.email-failed", target: { type: "reveal", id: request.id }, siteId: ticket.siteId }, tx);
    });
    throw new AppError("unavailable", "The approval email could not be sent; try again in a moment.");
  }
  await appendAudit({ actor: { id: null, label: "system" }, action: "reveal.email-sent", target: { type: "reveal", id: request.id }, siteId: ticket.siteId, details: { locale: customer.locale } });
  return { id: request.id, status: "pending" as const, tokenExpiresAt: request.tokenExpiresAt.toISOString() };
}
