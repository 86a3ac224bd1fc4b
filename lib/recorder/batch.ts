import {
  MAX_BATCH_BYTES_COMPRESSED,
  MAX_BATCH_BYTES_DECOMPRESSED,
  MAX_VAULT_BYTES_DECOMPRESSED,
  type IngestBatch,
} from "../replay/protocol";
import type { BufferEntry } from "./buffer";
import type { Gzip } from "./compress";

export type SplitLimits = { maxEvents: number; maxBytes: number; vault: boolean };

// Cuts entries, in order, into groups of at most maxEvents events and (unless a single event is
// bigger on its own) maxBytes bytes. With a vault, a group never mixes events that still have
// their unmasked copy with events that do not (restored from a previous page), so a batch's
// vault always holds exactly the same events as the batch.
export function splitEntries(entries: readonly BufferEntry[], limits: SplitLimits): BufferEntry[][] {
  const groups: BufferEntry[][] = [];
  let group: BufferEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const changesVault = limits.vault && group.length > 0 && (group[0]?.raw === null) !== (entry.raw === null);
    if (group.length > 0 && (group.length >= limits.maxEvents || bytes + entry.bytes > limits.maxBytes || changesVault)) {
      groups.push(group);
      group = [];
      bytes = 0;
    }
    group.push(entry);
    bytes += entry.bytes;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

export type BatchHeader = Omit<IngestBatch, "events" | "vault" | "seq">;

// Builds the batch JSON text around the already serialized events (no second serialization).
export function batchJson(header: BatchHeader, seq: number, maskedEvents: readonly string[], vault?: string): string {
  const head: Omit<IngestBatch, "events"> = { ...header, seq, ...(vault === undefined ? {} : { vault }) };
  return JSON.stringify(head).slice(0, -1) + ',"events":[' + maskedEvents.join(",") + "]}";
}

export type EncodedBatch = {
  seq: number;
  // gzip bytes, or the JSON text when the browser cannot gzip.
  body: Uint8Array | string;
  bytes: number;
  events: number;
};

export type SealToBase64 = (plaintext: Uint8Array) => Promise<string>;

export type EncodeDeps = { gzip: Gzip; seal: SealToBase64 | null };

const encoder = new TextEncoder();

// Encodes one group; null when the result breaks the server's limits (the caller splits it, or
// drops a single event that is too big on its own).
export async function encodeBatch(
  header: BatchHeader,
  seq: number,
  entries: readonly BufferEntry[],
  deps: EncodeDeps,
): Promise<EncodedBatch | null> {
  let vault: string | undefined;
  if (deps.seal && entries.length > 0 && entries.every((e) => e.raw !== null)) {
    const rawJson = encoder.encode("[" + entries.map((e) => e.raw).join(",") + "]");
    if (rawJson.length > MAX_VAULT_BYTES_DECOMPRESSED) return null;
    vault = await deps.seal((await deps.gzip(rawJson)) ?? rawJson);
  }
  const json = batchJson(
    header,
    seq,
    entries.map((e) => e.masked),
    vault,
  );
  const plain = encoder.encode(json);
  if (plain.length > MAX_BATCH_BYTES_DECOMPRESSED) return null;
  const gz = await deps.gzip(plain);
  const bytes = gz ? gz.length : plain.length;
  if (bytes > MAX_BATCH_BYTES_COMPRESSED) return null;
  return { seq, body: gz ?? json, bytes, events: entries.length };
}
