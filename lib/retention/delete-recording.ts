import "server-only";
import { createHash } from "node:crypto";
import { db, type Db } from "@/lib/db/client";
import { releaseStorage } from "@/lib/ingest/storage-caps";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export type DeletionReason = "retention" | "ticket-closed" | "customer" | "consent-withdrawn" | "untriggered" | "account-deleted";

// The receipt names the recording only by a hash of its site and SDK session id: it proves the
// deletion without keeping data, and lets ingest refuse to resurrect a deleted session.
export function recordingHash(siteId: string, sessionKey: string): string {
  return createHash("sha256").update(`replaydesk:recording:${siteId}:${sessionKey}`).digest("hex");
}

// Deletes a recording for good: its chunks and vault blob (cascade), its wrapped data key (so any
// copy in a backup is unreadable: crypto-shredding), its open reveal grants, and the session row
// with its pseudonym and pages; writes one receipt. Idempotent: a second call finds nothing.
export async function deleteRecording(opts: { sessionId: string; reason: DeletionReason; dueAt: Date; now?: Date }, tx?: Tx): Promise<boolean> {
  const run = async (t: Tx) => {
    const session = await t.recordedSession.findUnique({ where: { id: opts.sessionId }, select: { id: true, siteId: true, sessionKey: true, storedBytes: true } });
    if (!session) return false;
    const now = opts.now ?? new Date();
    await t.revealRequest.updateMany({
      where: { sessionId: session.id, status: { in: ["pending", "approved"] } },
      data: { status: "revoked", tokenHash: null, accessUntil: now },
    });
    await t.recordedSession.update({ where: { id: session.id }, data: { wrappedDataKey: null } });
    await t.recordedSession.delete({ where: { id: session.id } });
    await releaseStorage(t, session.siteId, session.storedBytes);
    await t.deletionReceipt.create({
      data: { sessionHash: recordingHash(session.siteId, session.sessionKey), siteId: session.siteId, recordingId: session.id, reason: opts.reason, dueAt: opts.dueAt, doneAt: now },
    });
    return true;
  };
  return tx ? run(tx) : db().$transaction(run);
}
