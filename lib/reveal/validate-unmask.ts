import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { appendAudit } from "@/lib/audit/append";
import { queueTicketWhere } from "@/lib/tickets/visibility";
import { needsValidation, revealState } from "@/lib/reveal/policy";

// M1: before the vault is opened, a supervisor other than the requester validates the request
// internally (the customer's approval is needed as well, in either order).
export async function validateUnmask(actor: Actor, revealId: string, now = new Date()) {
  const r = await db().revealRequest.findFirst({
    where: { id: revealId, ticket: queueTicketWhere(actor, "unmask:approve") },
    include: { recording: { select: { maskingMode: true } }, ticket: { select: { siteId: true } } },
  });
  if (!r || !r.recording) throw new AppError("not_found", "No such request.");
  if (!needsValidation(r.recording.maskingMode, r.scope as "masked" | "unmasked")) throw new AppError("conflict", "Only unmasked requests on M1 sites need an internal validation.");
  if (r.requesterId === actor.userId) throw new AppError("forbidden", "Someone other than the requester must validate the request.");
  const state = revealState(r, now);
  if (state !== "pending" && state !== "approved") throw new AppError("conflict", `The request is ${state}; there is nothing to validate.`);
  if (r.validatedAt) throw new AppError("conflict", "The request is already validated.");
  await db().$transaction(async (tx) => {
    await tx.revealRequest.update({ where: { id: r.id }, data: { validatedById: actor.userId, validatedAt: now } });
    await appendAudit({ actor: { id: actor.userId, label: actor.email }, action: "unmask.validate", target: { type: "reveal", id: r.id }, siteId: r.ticket.siteId, details: { ticketId: r.ticketId }, at: now }, tx);
  });
  return { validated: true };
}

// The supervisor's list of M1 unmask requests waiting for validation.
export async function listPendingValidations(actor: Actor, now = new Date()) {
  const requests = await db().revealRequest.findMany({
    where: { scope: "unmasked", validatedAt: null, status: { in: ["pending", "approved"] }, recording: { maskingMode: "M1" }, ticket: queueTicketWhere(actor, "unmask:approve") },
    include: { requester: { select: { email: true } }, ticket: { select: { id: true, subject: true } } },
    orderBy: { createdAt: "asc" },
  });
  return requests
    .filter((r) => ["pending", "approved"].includes(revealState(r, now)))
    .map((r) => ({ id: r.id, ticketId: r.ticket.id, ticketSubject: r.ticket.subject, requester: r.requester?.email ?? "a former agent", justification: r.justification, customerAnswer: revealState(r, now), mine: r.requesterId === actor.userId, createdAt: r.createdAt.toISOString() }));
}
