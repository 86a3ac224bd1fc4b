import "server-only";
import { gunzipSync } from "node:zlib";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { appendAudit } from "@/lib/audit/append";
import { decryptChunk } from "@/lib/crypto/envelope";
import { openRecordingKey } from "@/lib/crypto/recording-keys";
import { openSealedBytes } from "@/lib/crypto/seal";
import { chunkAad } from "@/lib/ingest/ingest-batch";
import { openVaultPrivateKey } from "@/lib/sites/vault-keys";
import { queueTicketWhere } from "@/lib/tickets/visibility";
import { canWatch, type RevealScope } from "@/lib/reveal/policy";
import type { ReplayEvent } from "@/lib/replay/masking";
import { safeForReplay } from "@/lib/replay/replay-safety";

export const CHUNKS_PER_PAGE = 4;

// Who may watch: the agent who asked, or the ticket's assignee, while an approval covering this
// scope is in force (and, for M1 unmasking, validated). Everyone else gets the same refusal.
async function watchableSession(actor: Actor, recordingId: string, scope: RevealScope, now: Date) {
  const session = await db().recordedSession.findFirst({
    where: { id: recordingId, ticket: queueTicketWhere(actor, "replay:view") },
    include: { ticket: { select: { id: true, assigneeId: true, siteId: true } }, reveals: true, vaultKey: true },
  });
  if (!session || !session.ticket) throw new AppError("not_found", "No such recording.");
  const mayWatch = session.reveals.some(
    (r) => (r.requesterId === actor.userId || session.ticket!.assigneeId === actor.userId) && canWatch({ ...r, maskingMode: session.maskingMode }, scope, now),
  );
  if (!mayWatch) throw new AppError("forbidden", scope === "masked" ? "The customer has not approved viewing this recording, or the approval ended." : "Viewing this recording unmasked is not approved (customer approval and, on M1 sites, a supervisor's validation are needed).");
  return session;
}

// One page of a recording's events, in order, decrypted in memory only: the unmasked (vault)
// stream is opened with the site's vault key for this response and never written anywhere.
export async function loadRecordingPage(actor: Actor, recordingId: string, scope: RevealScope, afterSeq: number, now = new Date()) {
  const session = await watchableSession(actor, recordingId, scope, now);
  const stream = scope === "masked" ? "masked" : "vault";
  const chunks = await db().eventChunk.findMany({
    where: { sessionId: session.id, stream, seq: { gt: afterSeq } },
    orderBy: { seq: "asc" },
    take: CHUNKS_PER_PAGE + 1,
  });
  const page = chunks.slice(0, CHUNKS_PER_PAGE);
  if (!session.wrappedDataKey) throw new AppError("gone", "This recording was deleted.");
  const dataKey = await openRecordingKey(session.wrappedDataKey);
  let privateKey: string | null = null;
  if (stream === "vault") {
    if (!session.vaultKey) throw new AppError("gone", "The key that opens this recording's unmasked copy is gone.");
    privateKey = await openVaultPrivateKey(session.vaultKey);
  }
  const events: ReplayEvent[] = [];
  for (const c of page) {
    const plain = decryptChunk(dataKey, c.payload, chunkAad(session.id, stream, c.seq));
    const json = stream === "vault" ? gunzipSync(await openSealedBytes(privateKey!, plain)) : gunzipSync(plain);
    // Whatever the recorded page carried, nothing in what the agent's browser replays can run or
    // load anything (lib/replay/replay-safety.ts).
    events.push(...safeForReplay(JSON.parse(json.toString("utf8")) as ReplayEvent[]));
  }
  if (afterSeq < 0) {
    await appendAudit({
      actor: { id: actor.userId, label: actor.email },
      action: scope === "masked" ? "replay.view" : "unmask.view",
      target: { type: "recording", id: session.id },
      siteId: session.siteId,
      details: { ticketId: session.ticket!.id, scope },
      at: now,
    });
  }
  return { events, lastSeq: page.at(-1)?.seq ?? afterSeq, done: chunks.length <= CHUNKS_PER_PAGE };
}
