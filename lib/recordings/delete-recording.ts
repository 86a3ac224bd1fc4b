import "server-only";
import { db, type Tx } from "@/lib/db/client";
import { releaseStorage } from "@/lib/ingest/storage-caps";
import { revokeOpenReveals } from "@/lib/reveal/reveal-status";
import { recordingHash } from "@/lib/recordings/recording-hash";
import { enqueueWebhookEvents, sitesHaveEventReceivers } from "@/lib/webhooks/events";

export type DeletionReason = "retention" | "ticket-closed" | "customer" | "consent-withdrawn" | "untriggered" | "account-deleted" | "erasure-request";

export type RecordingToDelete = { id: string; siteId: string; sdkSessionId: string; storedBytes: number; reason: DeletionReason; dueAt: Date };

// Deletes recordings for good, as a set, inside the caller's transaction (which must hold their
// rows: lib/recordings/lock.ts): their chunks and vault blobs (cascade), their open reveal grants,
// and the session rows with their wrapped data keys, pseudonyms and pages; one receipt each. A
// copy of the database keeps the wrapped keys, but they open nothing once the hour's key is
// destroyed (lib/crypto/recording-keys.ts). The sites' storage counters give back what they held
// (lib/ingest/storage-caps.ts). A few statements per batch, not per recording: the sweeper
// deletes thousands a second this way.
export async function deleteRecordingsIn(tx: Tx, rows: readonly RecordingToDelete[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  const ids = rows.map((r) => r.id);
  await revokeOpenReveals(tx, { recordingIds: ids }, now);
  if (await sitesHaveEventReceivers(tx, rows.map((r) => r.siteId))) {
    const linked = await tx.recording.findMany({ where: { id: { in: ids } }, select: { id: true, siteId: true, ticketId: true } });
    await enqueueWebhookEvents(tx, linked.map((r) => ({ type: "recording.deleted" as const, data: { siteId: r.siteId, ticketId: r.ticketId, recordingId: r.id } })), now);
  }
  await tx.recording.deleteMany({ where: { id: { in: ids } } });
  await tx.deletionReceipt.createMany({
    data: rows.map((r) => ({ recordingHash: recordingHash(r.siteId, r.sdkSessionId), siteId: r.siteId, reason: r.reason, dueAt: r.dueAt, doneAt: now })),
  });
  const freed = new Map<string, number>();
  for (const r of rows) freed.set(r.siteId, (freed.get(r.siteId) ?? 0) + r.storedBytes);
  for (const [siteId, bytes] of freed) await releaseStorage(tx, siteId, bytes);
}

// Deletes one recording (deleteRecordingsIn for a set of one). Idempotent: a second call finds
// nothing and returns false.
export async function deleteRecording(opts: { recordingId: string; reason: DeletionReason; dueAt: Date; now?: Date }, tx?: Tx): Promise<boolean> {
  const run = async (t: Tx) => {
    const recording = await t.recording.findUnique({ where: { id: opts.recordingId }, select: { id: true, siteId: true, sdkSessionId: true, storedBytes: true } });
    if (!recording) return false;
    await deleteRecordingsIn(t, [{ ...recording, reason: opts.reason, dueAt: opts.dueAt }], opts.now ?? new Date());
    return true;
  };
  return tx ? run(tx) : db().$transaction(run);
}
