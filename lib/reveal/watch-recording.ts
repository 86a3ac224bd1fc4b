import "server-only";
import { db } from "@/lib/db/client";
import type { Recording, VaultKey } from "@/generated/sqlite";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { decryptChunk } from "@/lib/crypto/envelope";
import { openRecordingKey } from "@/lib/crypto/recording-keys";
import { openSealedBytes } from "@/lib/crypto/seal";
import { decodeChunk, inflateChunk, MAX_CHUNK_JSON_BYTES, type ChunkStream } from "@/lib/recordings/chunk-codec";
import { openVaultPrivateKey } from "@/lib/sites/vault-keys";
import { queueTicketWhere } from "@/lib/tickets/visibility";
import { needsCustody, watchingApproval, type RevealScope } from "@/lib/reveal/policy";
import { unsealedAad } from "@/lib/reveal/custody";
import { auditFirstView, goneReason } from "@/lib/reveal/replay-views";
import { eventList } from "@/lib/reveal/event-list";
import type { ReplayEvent } from "@/lib/replay/masking";
import { safeForReplay } from "@/lib/replay/replay-safety";

export const CHUNKS_PER_PAGE = 4;

type StoredChunk = { seq: number; payload: Uint8Array };

// Decodes a page's chunks in order (`chunks` holds one more than a page when more follow): `open`
// yields each chunk's events JSON. Stops adding chunks once the page holds MAX_CHUNK_JSON_BYTES of JSON.
async function decodePage(chunks: StoredChunk[], afterSeq: number, open: (c: StoredChunk) => Promise<Buffer>) {
  const page = chunks.slice(0, CHUNKS_PER_PAGE);
  const events: ReplayEvent[] = [];
  let taken = 0;
  let jsonBytes = 0;
  for (const c of page) {
    if (taken > 0 && jsonBytes >= MAX_CHUNK_JSON_BYTES) break;
    const json = await open(c);
    jsonBytes += json.length;
    taken += 1;
    // Whatever the recorded page carried, nothing in what the viewer's browser replays can run or
    // load anything (lib/replay/replay-safety.ts).
    // The list ingest stored: masked, checked by its schema, then encrypted and authenticated for
    // this chunk (AES-GCM with the chunk's AAD), so nothing else can have been put there.
    const stored: unknown = JSON.parse(json.toString("utf8"));
    if (!Array.isArray(stored)) throw new Error("A stored chunk does not hold a list of events.");
    events.push(...safeForReplay(stored));
  }
  return { events, list: eventList(events), lastSeq: page[taken - 1]?.seq ?? afterSeq, done: taken === chunks.length };
}

// One page of a recording's events, in order, decrypted in memory only: the M1 unmasked (vault)
// stream is opened with the site's server-held vault key for this response and never written
// anywhere (an M2 key does not open here: readUnsealedPage). `storedUntil`: only chunks stored up
// to then (what an approval covers). Used by the agent's viewer (below) and the customer's
// (watch-own-recording.ts).
export async function readRecordingPage(recording: Omit<Recording, "supportCodeHash"> & { vaultKey: VaultKey | null }, stream: ChunkStream, afterSeq: number, storedUntil: Date | null) {
  const chunks = await db().eventChunk.findMany({
    where: { recordingId: recording.id, stream, seq: { gt: afterSeq }, ...(storedUntil ? { createdAt: { lte: storedUntil } } : {}) },
    orderBy: { seq: "asc" },
    take: CHUNKS_PER_PAGE + 1,
  });
  if (!recording.wrappedDataKey) throw new AppError("gone", "This recording was deleted.");
  const dataKey = await openRecordingKey(recording.wrappedDataKey);
  let privateKey: string | null = null;
  if (stream === "vault") {
    if (!recording.vaultKey) throw new AppError("gone", "The key that opens this recording's unmasked copy is gone.");
    privateKey = await openVaultPrivateKey(recording.vaultKey);
  }
  return decodePage(chunks, afterSeq, async (c) => {
    const stored = decodeChunk(dataKey, { recordingId: recording.id, stream, seq: c.seq }, c.payload);
    return stream === "vault" ? inflateChunk(await openSealedBytes(privateKey!, stored), "vault") : stored;
  });
}

// M2: one page of the copy the key custodian unsealed for this approval (lib/reveal/custody.ts),
// the only unmasked data an M2 viewer reads. It already stops at the approval's cut-off.
async function readUnsealedPage(revealId: string, afterSeq: number) {
  const copy = await db().unsealedCopy.findUnique({ where: { revealId }, omit: { wrappedKey: false } });
  if (!copy) throw new AppError("gone", "The unsealed copy of this approval is gone.");
  const chunks = await db().unsealedChunk.findMany({ where: { copyId: copy.id, seq: { gt: afterSeq } }, orderBy: { seq: "asc" }, take: CHUNKS_PER_PAGE + 1 });
  const key = await openRecordingKey(copy.wrappedKey);
  return decodePage(chunks, afterSeq, async (c) => inflateChunk(decryptChunk(key, c.payload, unsealedAad(revealId, c.seq)), "vault"));
}

const NOT_APPROVED: Record<RevealScope, string> = {
  masked: "The customer has not approved viewing this recording, or the approval ended.",
  unmasked: "Viewing this recording unmasked is not approved (customer approval and, on M1 sites, a supervisor's validation, on M2 sites the key custodian's acceptance, are needed).",
};

// The recording, if `actor` may watch it in `scope` now, and the approval they watch under: the
// one rule of lib/reveal/policy.ts (the agent the approval names, never the assignee or the
// validating supervisor). A recording they were watching that is now withdrawn or deleted: 410.
async function watchableRecording(actor: Actor, recordingId: string, scope: RevealScope, now: Date) {
  const recording = await db().recording.findFirst({
    where: { id: recordingId, ticket: queueTicketWhere(actor, "replay:view") },
    omit: { wrappedDataKey: false },
    include: { ticket: { select: { id: true } }, reveals: true, vaultKey: { omit: { privateKeyWrapped: false } } },
  });
  if (!recording || !recording.ticket) throw (await goneReason(actor.userId, recordingId)) ?? new AppError("not_found", "No such recording.");
  const approval = watchingApproval(recording.reveals, actor.userId, recording.maskingMode, scope, now);
  if (!approval) {
    const latestOwn = recording.reveals.filter((r) => r.requesterId === actor.userId).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
    if (latestOwn?.status === "withdrawn") throw new AppError("gone", "The customer withdrew their approval.");
    throw new AppError("forbidden", NOT_APPROVED[scope]);
  }
  return { recording, ticketId: recording.ticket.id, approval };
}

// The agent's viewer: one page of an approved recording. An approval covers what was stored up
// to the customer's decision (chunks are chosen by the server's storage time, not by the
// browser's event clock, which the visitor's device sets).
export async function loadRecordingPage(actor: Actor, recordingId: string, scope: RevealScope, afterSeq: number, now = new Date()) {
  const { recording, ticketId, approval } = await watchableRecording(actor, recordingId, scope, now);
  const page =
    scope === "unmasked" && needsCustody(recording.maskingMode, scope)
      ? await readUnsealedPage(approval.id, afterSeq)
      : await readRecordingPage(recording, scope === "masked" ? "masked" : "vault", afterSeq, approval.decidedAt);
  await auditFirstView(
    { viewerId: actor.userId, recording: recording, scope, revealId: approval.id },
    { actor: { id: actor.userId, label: actor.email }, action: scope === "masked" ? "replay.view" : "unmask.view", details: { ticketId, scope, revealId: approval.id } },
    now,
  );
  return page;
}
