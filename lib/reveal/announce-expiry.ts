import "server-only";
import { db } from "@/lib/db/client";
import { enqueueWebhookEvents } from "@/lib/webhooks/events";

const HOUR_MS = 3600_000;
// Expiries noticed later than this (the sweeper down for a week, or requests that lapsed before
// this feature existed) are marked but not announced: a flood of stale events helps no receiver.
const ANNOUNCE_WITHIN_MS = 7 * 24 * HOUR_MS;
const BATCH = 100;

// `reveal.expired`, once per request, when its end comes by time alone: a pending link lapsed
// unanswered, or an approval's window closed ("expired" is derived, lib/reveal/policy.ts revealState,
// so nothing else notices the moment). Each request is claimed by a conditional update of
// expiryAnnouncedAt in the transaction that queues its event: two sweepers, or a crash between the
// two, never announce one twice or lose one. Returns how many were announced.
export async function announceExpiredReveals(now: Date): Promise<number> {
  const since = new Date(now.getTime() - ANNOUNCE_WITHIN_MS);
  let announced = 0;
  for (;;) {
    const due = await db().revealRequest.findMany({
      where: {
        expiryAnnouncedAt: null,
        OR: [
          { status: "pending", tokenExpiresAt: { lte: now } },
          { status: "approved", accessUntil: { lte: now } },
        ],
      },
      select: { id: true, ticketId: true, recordingId: true, status: true, tokenExpiresAt: true, accessUntil: true, ticket: { select: { siteId: true } } },
      orderBy: { createdAt: "asc" },
      take: BATCH,
    });
    if (due.length === 0) break;
    announced += await db().$transaction(async (tx) => {
      const claimed = [];
      for (const r of due) {
        const { count } = await tx.revealRequest.updateMany({ where: { id: r.id, expiryAnnouncedAt: null }, data: { expiryAnnouncedAt: now } });
        const endedAt = r.status === "pending" ? r.tokenExpiresAt : r.accessUntil!;
        if (count === 1 && endedAt > since) claimed.push(r);
      }
      await enqueueWebhookEvents(
        tx,
        claimed.map((r) => ({ type: "reveal.expired" as const, data: { siteId: r.ticket.siteId, ticketId: r.ticketId, revealId: r.id, ...(r.recordingId ? { recordingId: r.recordingId } : {}) } })),
        now,
      );
      return claimed.length;
    });
    if (due.length < BATCH) break;
  }
  return announced;
}
