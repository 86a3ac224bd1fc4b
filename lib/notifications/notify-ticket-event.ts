import "server-only";
import type { Tx } from "@/lib/db/client";
import { enqueueMail } from "@/lib/jobs/enqueue";
import { audienceOf } from "@/lib/notifications/audience";
import { notificationsFor, type Notification, type TicketEvent } from "@/lib/notifications/policy";

// The emails a ticket event sends, queued on the outbox inside the caller's transaction: the
// message, closing or answer and its notifications commit together, or neither does. Each goes
// with a Reply-To of its own (per ticket and recipient), so answering it adds to the thread.
export async function notifyTicketEvent(tx: Tx, event: TicketEvent, now: Date): Promise<void> {
  const audience = await audienceOf(tx, event, now);
  if (!audience) return;
  for (const notification of notificationsFor(event, audience)) {
    const { ticketId } = event;
    const userId = notification.to.id;
    await enqueueMail(tx, { ...templateAndParams(event, notification), to: { email: notification.to.email, userId }, ticketId, replyAs: { ticketId, userId } }, now);
  }
}

// What the outbox renders at delivery (lib/notifications/render.ts): rows named, no text quoted.
function templateAndParams(event: TicketEvent, { template, to }: Notification) {
  const base = { userId: to.id, ticketId: event.ticketId };
  switch (event.kind) {
    case "message":
      return { template, params: { ...base, messageId: event.messageId } };
    case "closed":
      return { template, params: { ...base, recordings: event.recordings, deleteBy: event.deleteBy.toISOString() } };
    case "reveal-decided":
      return { template, params: { ...base, revealId: event.revealId } };
  }
}
