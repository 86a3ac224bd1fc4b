import "server-only";
import { db } from "@/lib/db/client";
import { enqueueMail } from "@/lib/jobs/enqueue";
import type { RenderedMail } from "@/lib/mail/registry";
import { attachmentsRefusedEmail } from "@/lib/mail/templates/attachments-refused";
import { customerTicketUrl, deskTicketUrl } from "@/lib/tickets/create-ticket";

// An emailed reply with files is refused, and its sender told so: called only once the reply
// address's token and the From address matched (lib/inbound/receive-mail.ts), so the answer goes
// to that recipient and nobody else. At most one per ticket per hour (the outbox's dedupeKey),
// however many such replies come, so two auto-responders cannot keep each other busy.
const HOUR_MS = 3600_000;

export async function refuseAttachments(to: { ticketId: string; userId: string; email: string }, now: Date): Promise<void> {
  const hour = Math.floor(now.getTime() / HOUR_MS);
  await db().$transaction((tx) =>
    enqueueMail(tx, { template: "attachments-refused", params: { ticketId: to.ticketId, userId: to.userId }, to: { email: to.email, userId: to.userId }, replyAs: { ticketId: to.ticketId, userId: to.userId }, dedupeKey: `attachments-refused:${to.ticketId}:${hour}` }, now),
  );
}

// Rendered at delivery (lib/mail/registry.ts), in the recipient's language, with the link each
// side uses; marked as an automatic reply so the sender's own auto-responder does not answer it.
export async function renderAttachmentsRefused(p: { ticketId: string; userId: string }): Promise<RenderedMail | null> {
  const [ticket, user] = await Promise.all([
    db().ticket.findUnique({ where: { id: p.ticketId }, select: { customerId: true } }),
    db().user.findUnique({ where: { id: p.userId }, select: { locale: true } }),
  ]);
  if (!ticket || !user) return null;
  const url = ticket.customerId === p.userId ? customerTicketUrl(p.ticketId) : deskTicketUrl(p.ticketId);
  return { ...attachmentsRefusedEmail({ url, locale: user.locale }), headers: { "Auto-Submitted": "auto-replied" } };
}
