import "server-only";
import { db } from "@/lib/db/client";
import { deleteRecording } from "@/lib/retention/delete-recording";
import type { PublicSite } from "@/lib/ingest/site-request";

// Proof of the consent process (time, site, purpose, banner version; no personal data beyond the
// session id). A withdrawal also deletes whatever of that session no trigger has claimed.
export async function recordConsent(site: PublicSite, body: { sessionId: string | null; granted: boolean; bannerVersion?: string }, now = new Date()) {
  await db().consentRecord.create({
    data: { siteId: site.id, sessionKey: body.sessionId, granted: body.granted, purpose: "support", bannerVersion: body.bannerVersion ?? null, createdAt: now },
  });
  if (body.granted || !body.sessionId) return { deleted: false };
  const session = await db().recordedSession.findUnique({ where: { siteId_sessionKey: { siteId: site.id, sessionKey: body.sessionId } }, select: { id: true, triggeredAt: true } });
  if (!session || session.triggeredAt) return { deleted: false };
  return { deleted: await deleteRecording({ sessionId: session.id, reason: "consent-withdrawn", dueAt: now, now }) };
}
