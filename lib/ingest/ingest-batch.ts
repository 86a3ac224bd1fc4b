import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import type { Prisma, Recording as StoredRecording } from "@/generated/sqlite";
import { stringList } from "@/lib/db/json";
import { AppError } from "@/lib/errors";
import { TRIGGER_EVENT_TAG, type MaskState } from "@/lib/replay/masking";
import { claimsSensitivePage, type SiteMasking } from "@/lib/replay/mask-batch";
import { maskBatchOffThread } from "@/lib/ingest/mask-pool";
import { newRecordingKey, openRecordingKey } from "@/lib/crypto/recording-keys";
import { fromBase64 } from "@/lib/crypto/seal";
import { deleteDueAt } from "@/lib/retention/policy";
import { recordingHash } from "@/lib/recordings/recording-hash";
import { encodeChunk } from "@/lib/recordings/chunk-codec";
import { splitSelectors } from "@/lib/ingest/sdk-config";
import type { PublicSite } from "@/lib/ingest/site-request";
import type { TIngestBatch } from "@/lib/ingest/schemas";
import { lockConsentGrant, requireConsentGrant } from "@/lib/ingest/consent-proof";
import { reserveStorage, type StorageCaps } from "@/lib/ingest/storage-caps";
import { requireEnabledTrigger } from "@/lib/ingest/trigger-kind";
import { userLinkFor } from "@/lib/ingest/user-link";

const MAX_PAGES_KEPT = 50;

// user: whether the page's user reference links this recording to the visitor's others
// ("verified": a valid signature from the publisher's backend) or to nothing ("per-session").
// dropped: the batch claimed one of the site's sensitive pages, so nothing of it was kept.
export type IngestResult = { sessionId: string; seq: number; duplicate: boolean; scrubbed: number; user: "verified" | "per-session" | null; dropped?: true };

// The site's masking rules, sensitive pages and origins, as lib/replay/mask-batch.ts takes them.
function siteMasking(site: PublicSite): SiteMasking {
  const rules = { maskSelectors: splitSelectors(site.maskSelectors), unmaskSelectors: splitSelectors(site.unmaskSelectors), blockSelectors: splitSelectors(site.blockSelectors), pathSegmentAllowList: splitSelectors(site.pathSegmentAllowList) };
  return { rules, sensitivePages: splitSelectors(site.sensitivePages), allowedOrigins: stringList(site.allowedOrigins, "Site.allowedOrigins") };
}

// The masker's state saved with the previous chunk. Only its version is checked here:
// createMasker's restore (lib/replay/masking.ts) checks every field and ignores a state that is not
// a valid encoding, so a damaged row unmasks nothing.
function maskStateOf(value: Prisma.JsonValue): MaskState | undefined {
  const isState = typeof value === "object" && value !== null && !Array.isArray(value) && value.v === 1;
  return isState ? (value as MaskState) : undefined;
}

// "Chrome 156 on Linux": enough for support, no fingerprint. Order matters: Edge's user agent
// also names Chrome, and Chrome's also names Safari.
const BROWSERS: [RegExp, string][] = [[/Edg\/(\d+)/, "Edge"], [/Firefox\/(\d+)/, "Firefox"], [/Chrome\/(\d+)/, "Chrome"], [/Version\/(\d+).*Safari/, "Safari"]];
const SYSTEMS: [RegExp, string][] = [[/Android/, "Android"], [/iPhone|iPad/, "iOS"], [/Windows/, "Windows"], [/Mac OS X/, "macOS"], [/Linux/, "Linux"]];

export function coarseBrowser(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const browser = BROWSERS.map(([re, name]) => [re.exec(userAgent), name] as const).find(([m]) => m);
  const system = SYSTEMS.find(([re]) => re.test(userAgent));
  const name = browser ? `${browser[1]} ${browser[0]![1]}` : "Unknown browser";
  return system ? `${name} on ${system[1]}` : name;
}

// The session row as stored, or a new one to be created in the same transaction as its first
// chunk, so a rejected first batch leaves nothing behind.
// The row as queries return it: without the support code's hash (a secret column).
type Recording = Omit<StoredRecording, "supportCodeHash">;

async function recordingForBatch(site: PublicSite, batch: TIngestBatch, now: Date): Promise<{ row: Recording; isNew: boolean }> {
  const existing = await db().recording.findUnique({ where: { siteId_sdkSessionId: { siteId: site.id, sdkSessionId: batch.sessionId } }, omit: { wrappedDataKey: false } });
  if (existing) return { row: existing, isNew: false };
  if (await db().deletionReceipt.findUnique({ where: { recordingHash: recordingHash(site.id, batch.sessionId) } })) {
    throw new AppError("gone", "This recording was deleted; start a new session.");
  }
  // L2 buffer mode: nothing may reach the server before a trigger.
  if (site.recordingMode === "buffer" && !batch.trigger) {
    throw new AppError("conflict", "This site records in buffer mode: upload only after a trigger.");
  }
  const row: Recording = {
    id: randomUUID(),
    siteId: site.id,
    sdkSessionId: batch.sessionId,
    pseudonym: null,
    pseudonymVerified: false,
    ticketId: null,
    status: "untriggered",
    maskingMode: site.maskingMode,
    startedAt: now,
    lastEventAt: now,
    endedAt: null,
    triggeredAt: null,
    triggerReason: null,
    triggerKind: null,
    deleteAfter: null,
    wrappedDataKey: await newRecordingKey(site, now),
    pages: [],
    userAgent: null,
    errorCount: 0,
    scrubbedCount: 0,
    maskState: null,
    chunkCount: 0,
    storedBytes: 0,
    vaultKeyId: site.maskingMode === "M3" ? null : (site.vaultKeys[0]?.id ?? null),
    closeDeleteAt: null,
  };
  return { row, isNew: true };
}

// The masking state describes the page as of the previous chunk; after a gap (a batch lost when a
// page closed) it may not, so the masker starts without it and masks everything until the next
// full snapshot.
async function followsPreviousChunk(sessionRowId: string, seq: number, isNew: boolean): Promise<boolean> {
  if (seq === 0) return true;
  if (isNew) return false;
  const previous = await db().eventChunk.findUnique({ where: { recordingId_stream_seq: { recordingId: sessionRowId, stream: "masked", seq: seq - 1 } }, select: { id: true } });
  return previous !== null;
}

// The recording's first trigger, marked in its events where it happened on the device's clock
// (the last event of the batch carrying it): the viewer opens 30 s before it and lists it.
function withTriggerEvent(batch: TIngestBatch, alreadyTriggeredAt: Date | null): TIngestBatch {
  if (!batch.trigger || alreadyTriggeredAt || batch.events.length === 0) return batch;
  const at = Math.max(...batch.events.map((e) => e.timestamp));
  return { ...batch, events: [...batch.events, { type: 5, timestamp: at, data: { tag: TRIGGER_EVENT_TAG, payload: {} } }] };
}

// Stores one SDK batch: masks it again with the same rules as the browser (an old or tampered SDK
// cannot get unmasked content stored), scrubs card numbers and IBANs, compresses and encrypts it
// under the session's data key. A retried seq is stored once; a batch claiming a sensitive page is
// dropped whole.
export async function ingestBatch(site: PublicSite, batch: TIngestBatch, meta: { userAgent: string | null; now?: Date }): Promise<IngestResult> {
  const now = meta.now ?? new Date();
  // Refused before any masking work: a session without its own consent grant, a trigger kind the
  // site did not enable (privacy point 3). Checked again, under lock, in the transaction below.
  await requireConsentGrant(db(), site, batch.sessionId, batch.consent);
  requireEnabledTrigger(site, batch.trigger);
  const masking = siteMasking(site);
  if (claimsSensitivePage(masking.sensitivePages, batch)) return { sessionId: batch.sessionId, seq: batch.seq, duplicate: false, scrubbed: 0, user: null, dropped: true };
  const { row: recording, isNew } = await recordingForBatch(site, batch, now);
  if (!recording.wrappedDataKey) throw new AppError("gone", "This recording was deleted; start a new session.");
  if (!isNew) {
    const known = await db().eventChunk.findUnique({ where: { recordingId_stream_seq: { recordingId: recording.id, stream: "masked", seq: batch.seq } }, select: { id: true } });
    if (known) return { sessionId: batch.sessionId, seq: batch.seq, duplicate: true, scrubbed: 0, user: null };
  }
  // A session keeps its first verified pseudonym; an unverified one gives way to a verified one
  // (the visitor signed in during the session), never the other way round.
  const current = recording.pseudonym ? { pseudonym: recording.pseudonym, verified: recording.pseudonymVerified } : null;
  const incoming = current?.verified ? null : userLinkFor(site, batch.sessionId, batch.user, now);
  const user = incoming?.verified ? incoming : (current ?? incoming);

  const saved = (await followsPreviousChunk(recording.id, batch.seq, isNew)) ? maskStateOf(recording.maskState) : undefined;
  const masked = await maskBatchOffThread(masking, withTriggerEvent(batch, recording.triggeredAt), saved);
  const { scrubbed } = masked;
  const json = Buffer.from(masked.json);
  const dataKey = await openRecordingKey(recording.wrappedDataKey);
  // The batch's time span, even when every event of it was dropped (the seq is still stored once).
  const timestamps = batch.events.map((e) => e.timestamp);
  const chunks: Prisma.EventChunkCreateManyInput[] = [
    {
      recordingId: recording.id,
      stream: "masked",
      seq: batch.seq,
      eventCount: masked.eventCount,
      rawBytes: json.length,
      firstTs: BigInt(Math.floor(Math.min(...timestamps))),
      lastTs: BigInt(Math.floor(Math.max(...timestamps))),
      payload: await encodeChunk(dataKey, { recordingId: recording.id, stream: "masked", seq: batch.seq }, json),
    },
  ];
  // The sealed unmasked stream exists only on M1/M2 sites; on M3 it is dropped unread.
  if (batch.vault && recording.maskingMode !== "M3" && recording.vaultKeyId) {
    const sealed = fromBase64(batch.vault);
    chunks.push({ ...chunks[0]!, stream: "vault", rawBytes: sealed.length, payload: await encodeChunk(dataKey, { recordingId: recording.id, stream: "vault", seq: batch.seq }, sealed) });
  }

  const triggeredAt = recording.triggeredAt ?? (batch.trigger ? now : null);
  const endedAt = batch.ended ? now : null;
  const page = masked.page;
  const pages = stringList(recording.pages, "RecordedSession.pages");
  if (page && pages[pages.length - 1] !== page && pages.length < MAX_PAGES_KEPT) pages.push(page);
  const errors = masked.errors;

  const storedBytes = chunks.reduce((n, c) => n + c.payload.length, 0);
  const fields = {
    lastEventAt: now,
    endedAt,
    triggeredAt,
    triggerReason: recording.triggerReason ?? batch.trigger?.reason ?? null,
    triggerKind: recording.triggerKind ?? batch.trigger?.kind ?? null,
    status: triggeredAt ? "triggered" : "untriggered",
    pseudonym: user?.pseudonym ?? null,
    pseudonymVerified: user?.verified ?? false,
    userAgent: recording.userAgent ?? coarseBrowser(meta.userAgent),
    pages,
    maskState: masked.state,
    deleteAfter: deleteDueAt({ lastEventAt: now, endedAt, triggeredAt }, site.retentionHours, recording.closeDeleteAt),
  } satisfies Prisma.RecordingUncheckedUpdateInput;
  const caps: StorageCaps = { sessionMaxChunks: site.sessionMaxChunks, sessionMaxMb: site.sessionMaxMb, storageQuotaMb: site.storageQuotaMb };
  try {
    // Lock order (grant, session, site) is the same for every writer, so none of them deadlock.
    await db().$transaction(async (tx) => {
      await lockConsentGrant(tx, site, batch.sessionId, batch.consent, now);
      await reserveStorage(tx, site.id, { ...recording, isNew }, { chunks: chunks.length, bytes: storedBytes }, caps);
      if (isNew) {
        await tx.recording.create({ data: { ...recording, ...fields, errorCount: errors, scrubbedCount: scrubbed, chunkCount: chunks.length, storedBytes } });
      } else {
        await tx.recording.update({ where: { id: recording.id }, data: { ...fields, errorCount: { increment: errors }, scrubbedCount: { increment: scrubbed } } });
      }
      await tx.eventChunk.createMany({ data: chunks });
    });
  } catch (err) {
    if (err instanceof AppError) throw err;
    // The same seq, or the same new session, arrived twice at once: the unique keys keep one.
    const again = await db().eventChunk.findFirst({ where: { recording: { siteId: site.id, sdkSessionId: batch.sessionId }, stream: "masked", seq: batch.seq }, select: { id: true } });
    if (again) return { sessionId: batch.sessionId, seq: batch.seq, duplicate: true, scrubbed: 0, user: null };
    if (isNew && (await db().recording.findUnique({ where: { siteId_sdkSessionId: { siteId: site.id, sdkSessionId: batch.sessionId } } }))) {
      return ingestBatch(site, batch, { ...meta, now });
    }
    throw err;
  }
  return { sessionId: batch.sessionId, seq: batch.seq, duplicate: false, scrubbed, user: user ? (user.verified ? "verified" : "per-session") : null };
}
