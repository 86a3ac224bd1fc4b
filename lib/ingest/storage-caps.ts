import "server-only";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export const MIB = 1024 * 1024;

export type StorageCaps = { sessionMaxChunks: number; sessionMaxMb: number; storageQuotaMb: number };

const chunkCap = (caps: StorageCaps) =>
  new AppError("payload_too_large", `This session has reached its cap of ${caps.sessionMaxChunks} chunks per session (the site's sessionMaxChunks); nothing more is stored for it.`);
const byteCap = (caps: StorageCaps) =>
  new AppError("payload_too_large", `This session has reached its cap of ${caps.sessionMaxMb} MiB per session (the site's sessionMaxMb); nothing more is stored for it.`);

// Security M5: room for one batch, taken inside the ingest transaction by conditional updates (the
// session's counters, then the site's usage counter), so that uploads racing each other cannot
// all pass a check made before any of them wrote. The site's counter is kept by ingest and by
// deleteRecording (lib/recordings/delete-recording.ts); raw SQL because Site.updatedAt means "settings
// changed" and Prisma would touch it.
export async function reserveStorage(tx: Tx, siteId: string, recording: { id: string; isNew: boolean }, add: { chunks: number; bytes: number }, caps: StorageCaps): Promise<void> {
  const maxBytes = caps.sessionMaxMb * MIB;
  if (recording.isNew) {
    if (add.chunks > caps.sessionMaxChunks) throw chunkCap(caps);
    if (add.bytes > maxBytes) throw byteCap(caps);
  } else {
    const { count } = await tx.recording.updateMany({
      where: { id: recording.id, chunkCount: { lte: caps.sessionMaxChunks - add.chunks }, storedBytes: { lte: maxBytes - add.bytes } },
      data: { chunkCount: { increment: add.chunks }, storedBytes: { increment: add.bytes } },
    });
    if (count === 0) {
      const row = await tx.recording.findUnique({ where: { id: recording.id }, select: { chunkCount: true } });
      if (!row) throw new AppError("gone", "This recording was deleted; start a new session.");
      throw row.chunkCount + add.chunks > caps.sessionMaxChunks ? chunkCap(caps) : byteCap(caps);
    }
  }
  const reserved = await tx.$executeRaw`UPDATE "Site" SET "storedBytes" = "storedBytes" + ${add.bytes} WHERE "id" = ${siteId} AND "storedBytes" + ${add.bytes} <= CAST("storageQuotaMb" AS BIGINT) * ${MIB}`;
  if (reserved === 0) {
    throw new AppError("payload_too_large", `This site has used its storage quota of ${caps.storageQuotaMb} MiB (storageQuotaMb); space is freed as recordings are deleted.`);
  }
}

// The other half of the site's counter, for deleteRecording: what a deleted recording held.
export async function releaseStorage(tx: Tx, siteId: string, bytes: number): Promise<void> {
  if (bytes > 0) await tx.$executeRaw`UPDATE "Site" SET "storedBytes" = "storedBytes" - ${bytes} WHERE "id" = ${siteId}`;
}
