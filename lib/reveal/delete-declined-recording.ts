import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { deleteRecordingForCustomer } from "@/lib/account/customer-rights";
import { recordingHash } from "@/lib/recordings/recording-hash";
import { ownTicketWhere } from "@/lib/tickets/visibility";
import { findByToken } from "@/lib/reveal/decide-reveal";

type Target = { token: string } | { revealId: string };

async function declinedRequest(target: Target, viewer: Actor | null, now: Date) {
  if ("token" in target) return findByToken(target.token, viewer, now);
  const r = viewer ? await db().revealRequest.findFirst({ where: { id: target.revealId, ticket: ownTicketWhere(viewer) }, include: { ticket: { select: { customerId: true } } } }) : null;
  if (!r) throw new AppError("not_found", "No such request.");
  return r;
}

// A customer who declined a request may have the recording deleted at once, in one click: from
// the approval page (the email's link, which a decline keeps for this) or from their ticket page.
// The deletion is the customer's own (audited as theirs, crypto-shredded, one receipt), and the
// receipt is what they get back.
export async function deleteDeclinedRecording(target: Target, viewer: Actor | null, now = new Date()) {
  const r = await declinedRequest(target, viewer, now);
  if (r.status !== "declined") throw new AppError("conflict", "Only a request you declined offers this; you can delete the recording from your request's page at any time.");
  const recording = r.recordingId ? await db().recording.findUnique({ where: { id: r.recordingId }, select: { id: true, siteId: true, sdkSessionId: true } }) : null;
  if (!recording || !r.ticket.customerId) throw new AppError("gone", "This recording was already deleted.");
  await deleteRecordingForCustomer(r.ticket.customerId, recording.id, now);
  // The link has done its last job.
  await db().revealRequest.update({ where: { id: r.id }, data: { tokenHash: null } });
  const receipt = await db().deletionReceipt.findUniqueOrThrow({ where: { recordingHash: recordingHash(recording.siteId, recording.sdkSessionId) }, select: { id: true, doneAt: true } });
  return { deleted: true as const, receipt: { id: receipt.id, deletedAt: receipt.doneAt.toISOString() } };
}
