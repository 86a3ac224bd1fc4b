import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { env } from "@/lib/config/env";
import { appendAudit } from "@/lib/audit/append";
import { normalizeEmail } from "@/lib/users/grants";

export type NewTicket = { email: string; subject: string; message: string; sessionId: string | null };

export const ZOwnTicketInput = z.object({
  siteId: z.string().min(1, "choose the website your request is about").max(64),
  subject: z.string().trim().min(3, "must be at least 3 characters").max(200),
  message: z.string().trim().min(1, "must not be empty").max(5000),
});

export function customerTicketUrl(ticketId: string): string {
  return new URL(`/support/tickets/${ticketId}`, env().APP_URL).href;
}

// A ticket from the publisher's page (SDK) or backend (API token): the customer account is the email they typed (they
// reach it later by magic link); the session, when given and recorded on this site, is linked.
export async function createTicketFromSdk(site: { id: string }, input: NewTicket, now = new Date()) {
  const email = normalizeEmail(input.email);
  return db().$transaction(async (tx) => {
    const customer = await tx.user.upsert({ where: { email }, update: {}, create: { email } });
    const ticket = await tx.ticket.create({
      data: { siteId: site.id, customerId: customer.id, subject: input.subject, createdAt: now, messages: { create: { authorId: customer.id, authorRole: "customer", body: input.message, createdAt: now } } },
    });
    let linkedSession: string | null = null;
    if (input.sessionId) {
      const linked = await tx.recordedSession.updateMany({ where: { siteId: site.id, sessionKey: input.sessionId, ticketId: null }, data: { ticketId: ticket.id } });
      if (linked.count > 0) linkedSession = input.sessionId;
    }
    await appendAudit(
      { actor: { id: customer.id, label: "customer" }, action: "ticket.create", target: { type: "ticket", id: ticket.id }, siteId: site.id, details: { via: "sdk", sessionLinked: linkedSession !== null }, at: now },
      tx,
    );
    return { ticketId: ticket.id, ticketUrl: customerTicketUrl(ticket.id), sessionId: linkedSession };
  });
}

// A signed-in customer opens a ticket from /support (no recording: the SDK links those).
export async function createOwnTicket(actor: Actor, input: z.infer<typeof ZOwnTicketInput>, now = new Date()) {
  const site = await db().site.findUnique({ where: { id: input.siteId }, select: { id: true } });
  if (!site) throw new AppError("bad_request", "siteId: no such website.");
  return db().$transaction(async (tx) => {
    const ticket = await tx.ticket.create({
      data: { siteId: site.id, customerId: actor.userId, subject: input.subject, createdAt: now, messages: { create: { authorId: actor.userId, authorRole: "customer", body: input.message, createdAt: now } } },
    });
    await appendAudit({ actor: { id: actor.userId, label: "customer" }, action: "ticket.create", target: { type: "ticket", id: ticket.id }, siteId: site.id, details: { via: "support-page" }, at: now }, tx);
    return { ticketId: ticket.id, ticketUrl: customerTicketUrl(ticket.id) };
  });
}
