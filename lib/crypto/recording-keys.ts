import "server-only";
import { hkdfSync } from "node:crypto";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { newDataKey, parseMasterKey, unwrapKey, wrapKey } from "@/lib/crypto/envelope";
import { HOUR_MS, keyStore, type KeyStore } from "@/lib/crypto/key-store";
import { SESSION_INACTIVITY_MINUTES } from "@/lib/replay/protocol";

// A recording's data key, wrapped under the key-encryption key (KEK) of one hour bucket: the hour
// of the recording's latest possible deadline. The key store destroys a bucket's KEK once its
// hour has passed (the sweeper), so from then on no copy of the database (backup, stolen file,
// WAL, free pages) can open the data key, whoever holds MASTER_KEY. A deadline that moves earlier
// (ticket closed) re-wraps into the earlier bucket; a key is never moved to a later one.
//
// Stored form: "kek1.<bucket>.<AES-GCM compact>". The wrapping key is HKDF(KEK, salt MASTER_KEY),
// so the key store alone opens nothing either: a reader needs the database, MASTER_KEY and a
// bucket's KEK before that bucket is destroyed.

const FORMAT = "kek1";
const MINUTE_MS = 60_000;

export type KeyLifeSettings = { maxSessionMinutes: number; retentionHours: number };

// The hour (since the epoch) in which an instant falls.
export const bucketOf = (at: Date | number): number => Math.floor((typeof at === "number" ? at : at.getTime()) / HOUR_MS);

// The latest a recording started at `startedAt` can be due: it ends at most maxSessionMinutes
// plus the inactivity timeout after its start (lib/retention/policy.ts), then is kept
// retentionHours. Its key lives until the end of that hour.
export function latestDeadline(startedAt: Date, site: KeyLifeSettings): Date {
  return new Date(startedAt.getTime() + (site.maxSessionMinutes + SESSION_INACTIVITY_MINUTES) * MINUTE_MS + site.retentionHours * HOUR_MS);
}

function wrappingKey(kek: Buffer, bucket: number): Buffer {
  return Buffer.from(hkdfSync("sha256", kek, parseMasterKey(env().MASTER_KEY), `replaydesk:recording-kek:v1:${bucket}`, 32));
}

const aadFor = (bucket: number) => `replaydesk:data-key:v2:${bucket}`;

export function parseWrapped(wrapped: string): { bucket: number; compact: string } | null {
  const m = /^kek1\.(\d{1,9})\.(.+)$/.exec(wrapped);
  return m ? { bucket: Number(m[1]), compact: m[2]! } : null;
}

async function wrapIn(store: KeyStore, dataKey: Buffer, bucket: number): Promise<string> {
  const kek = await store.kek(bucket);
  return `${FORMAT}.${bucket}.${wrapKey(wrappingKey(kek, bucket), dataKey, aadFor(bucket))}`;
}

async function tryOpen(wrapped: string, store: KeyStore): Promise<Buffer | null> {
  const parsed = parseWrapped(wrapped);
  const kek = parsed ? await store.findKek(parsed.bucket) : null;
  return parsed && kek ? unwrapKey(wrappingKey(kek, parsed.bucket), parsed.compact, aadFor(parsed.bucket)) : null;
}

// A new recording's wrapped data key (what ingest stores in Recording.wrappedDataKey).
export async function newRecordingKey(site: KeyLifeSettings, startedAt: Date, store: KeyStore = keyStore()): Promise<string> {
  return wrapIn(store, newDataKey(), bucketOf(latestDeadline(startedAt, site)));
}

// The data key, for ingest and viewing. "gone" once its bucket's KEK is destroyed (the recording is
// past its latest deadline), "unavailable" (503) when the key store cannot be reached.
export async function openRecordingKey(wrapped: string, store: KeyStore = keyStore()): Promise<Buffer> {
  const key = await tryOpen(wrapped, store);
  if (!key) throw new AppError("gone", "This recording's key is gone: it is past its deletion time.");
  return key;
}

// The key re-wrapped into the bucket of an earlier deadline, or null when it already lives in
// that bucket or an earlier one (a key never moves later).
export async function rewrapEarlier(wrapped: string, deadline: Date, store: KeyStore = keyStore()): Promise<string | null> {
  const parsed = parseWrapped(wrapped);
  const target = bucketOf(deadline);
  if (parsed && parsed.bucket <= target) return null;
  const key = await tryOpen(wrapped, store);
  // Already unreadable (its bucket is destroyed): nothing to move.
  return key ? wrapIn(store, key, target) : null;
}

// Wraps an existing data key (the upgrade step moves keys from MASTER_KEY to the key store).
export async function wrapExistingKey(dataKey: Buffer, deadline: Date, store: KeyStore = keyStore()): Promise<string> {
  return wrapIn(store, dataKey, bucketOf(deadline));
}

// The sweeper's shredding: every bucket whose hour has fully passed at `now` loses its KEK.
export async function destroyPassedKeys(now: Date, store: KeyStore = keyStore()): Promise<number> {
  return store.destroyKeksBefore(bucketOf(now));
}
