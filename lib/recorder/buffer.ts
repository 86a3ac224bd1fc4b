import { utf8Length } from "./compress";

// One recorded event, serialized once at record time (batches and persistence are built by
// joining these strings, never by re-serializing).
export type BufferEntry = {
  timestamp: number;
  // A Meta event that opens a full snapshot: a replay can start here.
  snapshotStart: boolean;
  // JSON of the masked event.
  masked: string;
  // JSON of the unmasked event, kept only for the sealed vault copy (M1/M2 with a vault key).
  raw: string | null;
  bytes: number;
};

export function makeEntry(timestamp: number, snapshotStart: boolean, masked: string, raw: string | null): BufferEntry {
  return { timestamp, snapshotStart, masked, raw, bytes: utf8Length(masked) + (raw === null ? 0 : utf8Length(raw)) };
}

export type BufferLimits = { windowMs: number; maxBytes: number };

// L2 ring of the last `windowMs` of events. Events are grouped in segments that each open with a
// full snapshot; only whole leading segments are dropped, so whatever remains always replays from
// a full snapshot. The recorder asks for a fresh snapshot (needsCheckout) every half window,
// which keeps the buffer between one and one and a half windows long.
export class EventBuffer {
  private entries: BufferEntry[] = [];
  private totalBytes = 0;
  // Survives drain(): while streaming, the last snapshot may already be uploaded.
  private lastSnapshotAt: number | null = null;

  constructor(private limits: BufferLimits) {}

  setLimits(limits: BufferLimits): void {
    this.limits = limits;
  }

  get length(): number {
    return this.entries.length;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  push(entry: BufferEntry): void {
    if (entry.snapshotStart) this.lastSnapshotAt = entry.timestamp;
    this.entries.push(entry);
    this.totalBytes += entry.bytes;
  }

  // Drops leading segments once the next segment starts at or before the window's cutoff (the
  // dropped events are then entirely older than the window), or while over the byte cap.
  trim(now: number): void {
    const cutoff = now - this.limits.windowMs;
    for (;;) {
      const next = this.nextSegmentStart();
      if (next < 0) return;
      const startOfNext = this.entries[next]?.timestamp ?? now;
      if (startOfNext > cutoff && this.totalBytes <= this.limits.maxBytes) return;
      this.dropFirst(next);
    }
  }

  // True when the newest full snapshot is old (or followed by many bytes) enough that a fresh one
  // should be taken, so that a later trim can drop everything before it.
  needsCheckout(now: number): boolean {
    if (this.lastSnapshotAt === null) return false;
    let bytes = 0;
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i];
      if (!e) break;
      bytes += e.bytes;
      if (e.snapshotStart) break;
    }
    return now - this.lastSnapshotAt >= this.limits.windowMs / 2 || bytes > this.limits.maxBytes / 2;
  }

  // Hands over everything (for upload); what is pushed next continues from these events.
  drain(): BufferEntry[] {
    const out = this.entries;
    this.entries = [];
    this.totalBytes = 0;
    return out;
  }

  // Puts back entries that could not be handed over (in front of newer ones).
  unshift(entries: BufferEntry[]): void {
    if (entries.length === 0) return;
    this.entries = entries.concat(this.entries);
    for (const e of entries) this.totalBytes += e.bytes;
  }

  clear(): void {
    this.entries = [];
    this.totalBytes = 0;
    this.lastSnapshotAt = null;
  }

  peek(): readonly BufferEntry[] {
    return this.entries;
  }

  // JSON array of the masked events for sessionStorage, at most maxChars long. Leading events
  // are left out until it fits; with wholeSegments, the array must open with a full snapshot (a
  // buffered session has uploaded nothing a partial segment could continue). Unmasked copies are
  // never persisted: they would sit unencrypted on the device.
  serializeMasked(maxChars: number, wholeSegments: boolean): string | null {
    let from = wholeSegments ? this.findSegmentStart(0) : 0;
    while (from >= 0 && from < this.entries.length) {
      let length = 2;
      for (let i = from; i < this.entries.length; i++) length += (this.entries[i]?.masked.length ?? 0) + 1;
      if (length <= maxChars) {
        return "[" + this.entries.slice(from).map((e) => e.masked).join(",") + "]";
      }
      from = this.findSegmentStart(from + 1);
    }
    return null;
  }

  private nextSegmentStart(): number {
    return this.findSegmentStart(1);
  }

  private findSegmentStart(from: number): number {
    for (let i = from; i < this.entries.length; i++) if (this.entries[i]?.snapshotStart) return i;
    return -1;
  }

  private dropFirst(count: number): void {
    const dropped = this.entries.splice(0, count);
    for (const e of dropped) this.totalBytes -= e.bytes;
  }
}

// Restores persisted masked events (previous pages of this tab). Entries are untrusted input:
// anything that is not an event-shaped object is dropped, and with requireSnapshotStart the list
// must open with a full snapshot.
export function parsePersistedEvents(raw: string | null, requireSnapshotStart: boolean): BufferEntry[] {
  if (!raw) return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  const out: BufferEntry[] = [];
  for (const item of value) {
    if (typeof item !== "object" || item === null || Array.isArray(item)) continue;
    const e = item as { type?: unknown; timestamp?: unknown };
    if (typeof e.type !== "number" || typeof e.timestamp !== "number") continue;
    if (out.length === 0 && requireSnapshotStart && e.type !== META_EVENT) continue;
    out.push(makeEntry(e.timestamp, e.type === META_EVENT, JSON.stringify(item), null));
  }
  return out;
}

export const META_EVENT = 4;
export const FULL_SNAPSHOT_EVENT = 2;
export const INCREMENTAL_EVENT = 3;
