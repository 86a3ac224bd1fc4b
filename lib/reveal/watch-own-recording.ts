import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { ownTicketWhere } from "@/lib/tickets/visibility";
import { readRecordingPage } from "@/lib/reveal/watch-recording";
import { auditFirstView, goneReason } from "@/lib/reveal/replay-views";

// Right of access: customers watch their own recordings (those linked to their own tickets), the
// masked stream only, with the same viewer as agents. Their first view of each is audited.
export async function loadOwnRecordingPage(actor: Actor, recordingId: string, afterSeq: number, now = new Date()) {
  const recording = await db().recording.findFirst({ where: { id: recordingId, ticket: ownTicketWhere(actor) }, omit: { wrappedDataKey: false }, include: { vaultKey: { omit: { privateKeyWrapped: false } } } });
  if (!recording) throw (await goneReason(actor.userId, recordingId)) ?? new AppError("not_found", "No such recording.");
  const page = await readRecordingPage(recording, "masked", afterSeq, null);
  await auditFirstView(
    { viewerId: actor.userId, recording: recording, scope: "masked", revealId: null },
    { actor: { id: actor.userId, label: "customer" }, action: "replay.view-own", details: { ticketId: recording.ticketId } },
    now,
  );
  return page;
}
