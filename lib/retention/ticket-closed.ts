import "server-only";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { closeDeadline, earliest } from "@/lib/retention/rules";
import { rewrapEarlier } from "@/lib/crypto/recording-keys";
import { endRevealsBy } from "@/lib/reveal/reveal-status";

// Closing a ticket schedules its recordings' deletion: at once by default, or after the site's
// grace period (never longer than its retention). Runs inside the caller's transaction, so the
// ticket cannot be closed without its recordings being scheduled. Only ever brings a deletion
// earlier: a second closure keeps the first deadline, and reopening has nothing to undo (the
// recordings stay due, then gone). The sweeper does the deletion and writes the receipts.
export async function scheduleDeletionOnTicketClose(tx: Tx, ticketId: string, now: Date): Promise<number> {
  const ticket = await tx.ticket.findUnique({ where: { id: ticketId }, select: { site: { select: { closeGraceMinutes: true, retentionHours: true } } } });
  if (!ticket) throw new AppError("not_found", "No such ticket.");
  const deadline = closeDeadline(now, ticket.site);
  const recordings = await tx.recording.findMany({ where: { ticketId }, select: { id: true, deleteAfter: true, closeDeleteAt: true, wrappedDataKey: true } });
  for (const s of recordings) {
    // The key moves into the earlier deadline's hour, so copies made from now on die with it.
    const rewrapped = s.wrappedDataKey ? await rewrapEarlier(s.wrappedDataKey, deadline) : null;
    await tx.recording.update({
      where: { id: s.id },
      data: { closeDeleteAt: earliest(s.closeDeleteAt, deadline), deleteAfter: earliest(s.deleteAfter, deadline), ...(rewrapped ? { wrappedDataKey: rewrapped } : {}) },
    });
  }
  await endRevealsBy(tx, recordings.map((s) => s.id), deadline);
  return recordings.length;
}
