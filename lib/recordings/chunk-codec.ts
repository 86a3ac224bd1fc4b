import "server-only";
import { promisify } from "node:util";
import { gunzipSync, gzip } from "node:zlib";
import { AppError } from "@/lib/errors";
import { decryptChunk, encryptChunk } from "@/lib/crypto/envelope";
import { MAX_BATCH_BYTES_DECOMPRESSED } from "@/lib/replay/protocol";

// How a recording's chunks are stored: AES-256-GCM under the recording's data key
// (lib/crypto/recording-keys.ts), authenticated with the chunk's place (recording, stream, seq) so
// a chunk moved to another recording or position does not decrypt. A masked chunk holds its events'
// JSON, gzipped here; a vault chunk holds what the browser sealed (a gzip of the unmasked events),
// stored as it came.

export type ChunkStream = "masked" | "vault";
export type ChunkPlace = { recordingId: string; stream: ChunkStream; seq: number };

// One chunk's JSON, decompressed, may not exceed what ingest accepts for a whole batch. The vault
// copy is sealed in the browser and opaque at ingest, so reading is the first place its size can be
// bounded (security M4).
export const MAX_CHUNK_JSON_BYTES = MAX_BATCH_BYTES_DECOMPRESSED;

// On the libuv thread pool, not the event loop.
const gzipAsync = promisify(gzip);

export function chunkAad(recordingId: string, stream: ChunkStream, seq: number): string {
  return `${recordingId}:${stream}:${seq}`;
}

// The payload to store: `content` is the events' JSON (masked) or the sealed bytes (vault).
export async function encodeChunk(dataKey: Buffer, at: ChunkPlace, content: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const stored = at.stream === "masked" ? await gzipAsync(content) : content;
  // Node's crypto returns Buffers over plain (never shared) ArrayBuffers, which is what Prisma's Bytes takes.
  return encryptChunk(dataKey, stored, chunkAad(at.recordingId, at.stream, at.seq)) as Uint8Array<ArrayBuffer>;
}

// The reverse of encodeChunk: the events' JSON of a masked chunk, the sealed bytes of a vault chunk.
export function decodeChunk(dataKey: Buffer, at: ChunkPlace, payload: Uint8Array): Buffer {
  const plain = decryptChunk(dataKey, payload, chunkAad(at.recordingId, at.stream, at.seq));
  return at.stream === "masked" ? inflateChunk(plain, "masked") : plain;
}

// Gunzips a chunk's events, bounded by MAX_CHUNK_JSON_BYTES (a vault chunk's, once unsealed).
export function inflateChunk(compressed: Uint8Array, stream: ChunkStream): Buffer {
  try {
    return gunzipSync(compressed, { maxOutputLength: MAX_CHUNK_JSON_BYTES });
  } catch (err) {
    if ((err as { code?: unknown }).code !== "ERR_BUFFER_TOO_LARGE") throw err;
    const copy = stream === "vault" ? "this recording's unmasked copy" : "this recording";
    throw new AppError("payload_too_large", `A part of ${copy} is too large once decompressed (over ${MAX_CHUNK_JSON_BYTES / 1024 / 1024} MiB): it cannot be shown.`);
  }
}
