import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { appendAudit } from "@/lib/audit/append";
import { auditActor } from "@/lib/auth/scope";
import { encryptChunk, newDataKey } from "@/lib/crypto/envelope";
import { HOUR_MS } from "@/lib/crypto/key-store";
import { bucketOf, openRecordingKey, parseWrapped, wrapExistingKey } from "@/lib/crypto/recording-keys";
import { openSealedBytes } from "@/lib/crypto/seal";
import { isCustodial, openCustodialVaultKey } from "@/lib/crypto/vault-custody";
import { decodeChunk } from "@/lib/recordings/chunk-codec";
import { queueTicketWhere } from "@/lib/tickets/visibility";
import { needsCustody, revealState, type RevealScope } from "@/lib/reveal/policy";
import { personLabel } from "@/lib/reveal/approval-text";

// Privacy point 6, M2: once the customer approved an unmasked request, the site's key custodian (a
// privacy officer outside its staff) reads the agent's justification and accepts, entering the
// secret only they hold, or refuses with a reason. An acceptance opens the site's vault key in
// memory for this request only, unseals the recording's vault chunks up to the approval's cut-off
// and re-encrypts them under a key of this approval alone (UnsealedCopy), which the agent's viewer
// then reads. Another approval needs another acceptance. The secret is never stored, logged or
// audited; a wrong one is audited as such, without it.

// What binds an unsealed chunk to its approval and position (lib/crypto/envelope.ts chunk AAD).
export function unsealedAad(revealId: string, seq: number): string {
  return `${revealId}:unsealed:${seq}`;
}

// The request, if this custodian may answer it now; otherwise why not.
async function answerable(actor: Actor, revealId: string, now: Date) {
  const r = await db().revealRequest.findFirst({
    where: { id: revealId, ticket: queueTicketWhere(actor, "unmask:custody") },
    include: { recording: { omit: { wrappedDataKey: false }, include: { vaultKey: { omit: { privateKeyWrapped: false } } } }, ticket: { select: { id: true, siteId: true } } },
  });
  if (!r || !r.recording) throw new AppError("not_found", "No such request.");
  if (!needsCustody(r.recording.maskingMode, r.scope as RevealScope)) throw new AppError("conflict", "Only unmasked requests on M2 recordings wait for the key custodian.");
  if (r.requesterId === actor.userId) throw new AppError("forbidden", "The key custodian never answers their own request.");
  if (r.custodyAcceptedAt || r.custodyRefusedAt) throw new AppError("conflict", "This request is already answered.");
  const state = revealState(r, now);
  if (state === "pending") throw new AppError("conflict", "The customer has not approved this request yet: it comes to you after their approval.");
  if (state !== "approved") throw new AppError("conflict", `The request is ${state}: there is nothing to answer.`);
  return { ...r, recording: r.recording };
}

// The per-approval key lives in the KEK bucket of the approval's end, never later than the
// recording's own bucket: the sweeper shreds it when viewing can no longer happen.
function copyDeadline(accessUntil: Date, recordingWrappedKey: string): Date {
  const recordingBucket = parseWrapped(recordingWrappedKey)?.bucket;
  return recordingBucket !== undefined && bucketOf(accessUntil) > recordingBucket ? new Date(recordingBucket * HOUR_MS) : accessUntil;
}

export async function acceptUnmasking(actor: Actor, revealId: string, secret: string, now = new Date()) {
  const r = await answerable(actor, revealId, now);
  const { recording } = r;
  if (!recording.wrappedDataKey) throw new AppError("gone", "This recording was deleted.");
  if (!recording.vaultKey || !isCustodial(recording.vaultKey.privateKeyWrapped)) {
    throw new AppError("conflict", "This recording's unmasked copy was sealed to a key the site's custodian does not hold (made before the custodian enrolled): it cannot be unsealed.");
  }
  let privateKey: string;
  try {
    privateKey = await openCustodialVaultKey(recording.vaultKey, secret);
  } catch (err) {
    await appendAudit({ actor: auditActor(actor), action: "unmask.custody-secret-refused", target: { type: "reveal", id: r.id }, siteId: r.ticket.siteId, details: { ticketId: r.ticket.id }, at: now });
    throw err;
  }
  // Everything is unsealed and re-encrypted before the transaction, which only writes.
  const chunks = await db().eventChunk.findMany({ where: { recordingId: recording.id, stream: "vault", createdAt: { lte: r.decidedAt! } }, orderBy: { seq: "asc" }, select: { seq: true, payload: true } });
  const dataKey = await openRecordingKey(recording.wrappedDataKey);
  const copyKey = newDataKey();
  const unsealed: { seq: number; payload: Uint8Array<ArrayBuffer> }[] = [];
  for (const c of chunks) {
    const gzip = await openSealedBytes(privateKey, decodeChunk(dataKey, { recordingId: recording.id, stream: "vault", seq: c.seq }, c.payload));
    unsealed.push({ seq: c.seq, payload: new Uint8Array(encryptChunk(copyKey, gzip, unsealedAad(r.id, c.seq))) });
  }
  const wrappedKey = await wrapExistingKey(copyKey, copyDeadline(r.accessUntil!, recording.wrappedDataKey));
  await db().$transaction(async (tx) => {
    const { count } = await tx.revealRequest.updateMany({
      where: { id: r.id, status: "approved", custodyAcceptedAt: null, custodyRefusedAt: null },
      data: { custodianId: actor.userId, custodyAcceptedAt: now },
    });
    if (count === 0) throw new AppError("conflict", "This request changed meanwhile (answered, or withdrawn by the customer).");
    const copy = await tx.unsealedCopy.create({ data: { revealId: r.id, recordingId: recording.id, wrappedKey, createdAt: now } });
    if (unsealed.length) await tx.unsealedChunk.createMany({ data: unsealed.map((c) => ({ copyId: copy.id, ...c })) });
    await appendAudit(
      { actor: auditActor(actor), action: "unmask.custody-accept", target: { type: "reveal", id: r.id }, siteId: r.ticket.siteId, details: { ticketId: r.ticket.id, recordingId: recording.id, chunks: unsealed.length, coversUntil: r.decidedAt!.toISOString() }, at: now },
      tx,
    );
  });
  return { accepted: true as const, chunks: unsealed.length };
}

export async function refuseUnmasking(actor: Actor, revealId: string, reason: string, now = new Date()) {
  const r = await answerable(actor, revealId, now);
  await db().$transaction(async (tx) => {
    const { count } = await tx.revealRequest.updateMany({
      where: { id: r.id, custodyAcceptedAt: null, custodyRefusedAt: null },
      data: { custodianId: actor.userId, custodyRefusedAt: now, custodyRefusal: reason },
    });
    if (count === 0) throw new AppError("conflict", "This request is already answered.");
    await appendAudit({ actor: auditActor(actor), action: "unmask.custody-refuse", target: { type: "reveal", id: r.id }, siteId: r.ticket.siteId, justification: reason, details: { ticketId: r.ticket.id }, at: now }, tx);
  });
  return { refused: true as const };
}

// The custodian's list: M2 unmasked requests the customer approved and nobody has answered. It
// shows what the custodian judges (who asks, why, on which site, for how long), not the ticket.
export async function listCustodyRequests(actor: Actor, now = new Date()) {
  const requests = await db().revealRequest.findMany({
    where: { scope: "unmasked", status: "approved", custodyAcceptedAt: null, custodyRefusedAt: null, recording: { maskingMode: "M2" }, ticket: queueTicketWhere(actor, "unmask:custody") },
    include: { requester: { select: { name: true, email: true } }, ticket: { select: { site: { select: { name: true } } } }, recording: { select: { vaultKey: { select: { privateKeyWrapped: true } } } } },
    orderBy: { decidedAt: "asc" },
  });
  return requests
    .filter((r) => revealState(r, now) === "approved")
    .map((r) => ({
      id: r.id,
      site: r.ticket.site.name,
      requester: r.requester ? personLabel(r.requester) : "a former agent",
      justification: r.justification,
      approvedAt: r.decidedAt!.toISOString(),
      accessUntil: r.accessUntil!.toISOString(),
      // Sealed before the custodian enrolled: it can only be refused.
      unsealable: !!r.recording?.vaultKey && isCustodial(r.recording.vaultKey.privateKeyWrapped),
    }));
}
