import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { appendAudit, type AuditInput } from "@/lib/audit/append";
import type { DeletionReason } from "@/lib/recordings/delete-recording";
import { recordingHash } from "@/lib/recordings/recording-hash";
import type { RevealScope } from "@/lib/reveal/policy";

type View = {
  viewerId: string;
  recording: { id: string; siteId: string; sdkSessionId: string };
  scope: RevealScope;
  // The approval watched under; null for the customer watching their own recording.
  revealId: string | null;
};

const viewKey = (v: View) => [v.viewerId, v.recording.id, v.scope, v.revealId ?? "own"].join(":");

// Security L2: a view is audited once per (viewer, recording, scope, approval), by whichever page
// is fetched first, and once only when several first pages arrive at once: the ReplayView row and
// the audit entry are written in one transaction, and the row's unique key lets one through.
export async function auditFirstView(view: View, audit: Omit<AuditInput, "target" | "siteId">, now: Date): Promise<void> {
  const key = viewKey(view);
  const seen = () => db().replayView.findUnique({ where: { viewKey: key }, select: { id: true } });
  if (await seen()) return;
  try {
    await db().$transaction(async (tx) => {
      await tx.replayView.create({
        data: { viewKey: key, viewerId: view.viewerId, recordingId: view.recording.id, recordingHash: recordingHash(view.recording.siteId, view.recording.sdkSessionId), revealId: view.revealId, scope: view.scope, firstAt: now },
      });
      await appendAudit({ ...audit, target: { type: "recording", id: view.recording.id }, siteId: view.recording.siteId, at: now }, tx);
    });
  } catch (err) {
    // A concurrent first page won the unique key: its entry is the one.
    if (await seen()) return;
    throw err;
  }
}

// One text per deletion reason: a new reason does not compile without its own.
const GONE_BECAUSE: Record<DeletionReason, string> = {
  "consent-withdrawn": "The customer withdrew consent: the recording was deleted.",
  customer: "The customer deleted this recording.",
  "account-deleted": "The customer deleted their account: the recording was deleted.",
  "erasure-request": "The recording was erased at the person's request.",
  "ticket-closed": "The ticket was closed: the recording was deleted.",
  retention: "The recording reached the end of its retention period and was deleted.",
  untriggered: "The recording was never linked to a support request and was deleted.",
};

// Why a recording this viewer was watching is not there any more: a 410 saying so (the deletion
// receipt gives the reason). Null when the viewer never opened it, or when it still exists (then
// it is simply not theirs to see: 404), so the existence of other recordings is never revealed.
export async function goneReason(viewerId: string, recordingId: string): Promise<AppError | null> {
  const view = await db().replayView.findFirst({ where: { viewerId, recordingId }, select: { recordingHash: true } });
  if (!view || (await db().recording.count({ where: { id: recordingId } })) > 0) return null;
  const receipt = await db().deletionReceipt.findUnique({ where: { recordingHash: view.recordingHash }, select: { reason: true } });
  const reason = receipt?.reason as DeletionReason | undefined;
  return new AppError("gone", (reason && GONE_BECAUSE[reason]) ?? "This recording was deleted.");
}
