import "server-only";
import { db, type Tx } from "@/lib/db/client";
import { appendAudit } from "@/lib/audit/append";
import { deleteRecording } from "@/lib/recordings/delete-recording";
import { lockRecording } from "@/lib/recordings/lock";
import { revokeOpenReveals } from "@/lib/reveal/reveal-status";
import { consentSessionHash, lockSessionGrants } from "@/lib/ingest/consent-proof";
import type { PublicSite } from "@/lib/ingest/site-request";
import type { ConsentResponse } from "@/lib/replay/protocol";

type ConsentInput = { sessionId: string | null; granted: boolean; bannerVersion?: string };

// The SDK's call, as the visitor acted on the page.
const VISITOR = { id: null, label: "visitor" };

// Proof of the consent process: the choice, the purpose, the banner text's version, when, and the
// session only as a keyed hash. The record's id is the proof the recorder sends with its uploads
// (privacy point 3). A withdrawal ends everything of that session (privacy point 4).
export async function recordConsent(site: PublicSite, body: ConsentInput, now = new Date()): Promise<ConsentResponse> {
  const sessionHash = body.sessionId ? consentSessionHash(site.id, body.sessionId) : null;
  const data = { siteId: site.id, sessionHash, granted: body.granted, purpose: "support", bannerVersion: body.bannerVersion ?? null, createdAt: now };
  if (body.granted || !body.sessionId || !sessionHash) {
    const row = await db().consentRecord.create({ data, select: { id: true } });
    return { proofId: row.id, deleted: false };
  }
  const sdkSessionId = body.sessionId;
  return db().$transaction(async (tx) => {
    // First, as in ingest's transaction: an upload of this session still in flight commits before
    // this looks for the recording, or it sees this withdrawal and is refused.
    const { uploaded } = await lockSessionGrants(tx, site.id, sessionHash);
    // Evidence (L9) only when the session it withdraws had really uploaded.
    const row = await tx.consentRecord.create({ data: { ...data, verifiedAt: uploaded ? now : null }, select: { id: true } });
    return { proofId: row.id, deleted: await deleteWithdrawnRecording(tx, site.id, sdkSessionId, now) };
  });
}

// Withdrawal ends everything (Art. 7(3), 17(1)(b) GDPR): every pending or approved request to view
// the recording ends now, then the recording goes, triggered and linked to a ticket or not. Each
// step is audited; the deletion leaves its receipt (lib/recordings/delete-recording.ts).
async function deleteWithdrawnRecording(tx: Tx, siteId: string, sdkSessionId: string, now: Date): Promise<boolean> {
  const recording = await tx.recording.findUnique({ where: { siteId_sdkSessionId: { siteId, sdkSessionId } }, select: { id: true, ticketId: true } });
  if (!recording || !(await lockRecording(tx, recording.id, { skipLocked: false }))) return false;
  await revokeOpenReveals(tx, { recordingIds: [recording.id] }, now, { actor: VISITOR, siteId, details: { reason: "consent-withdrawn", recordingId: recording.id, ticketId: recording.ticketId } });
  const deleted = await deleteRecording({ recordingId: recording.id, reason: "consent-withdrawn", dueAt: now, now }, tx);
  if (deleted) {
    await appendAudit({ actor: VISITOR, action: "recording.delete", target: { type: "recording", id: recording.id }, siteId, details: { reason: "consent-withdrawn", ticketId: recording.ticketId }, at: now }, tx);
  }
  return deleted;
}
