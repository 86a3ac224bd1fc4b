import "server-only";
import { db } from "@/lib/db/client";
import { appendAudit } from "@/lib/audit/append";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { invalidInput } from "@/lib/http/respond";
import { requireSiteFor } from "@/lib/sites/admin-sites";
import { auditActor } from "@/lib/auth/scope";
import { ZStorageLimits, type TStorageLimitsPatch } from "@/lib/sites/schemas";

// Security M5: what one site may keep. Defaults (prisma/schema.prisma): 2 GiB per site, 64 MiB and
// 4,000 chunks per session (a batch every 5 s for 5.5 hours; one chunk per upload, two on M1/M2
// sites with the sealed copy). Ingest enforces them (lib/ingest/storage-caps.ts).
const LIMIT_KEYS = ["storageQuotaMb", "sessionMaxMb", "sessionMaxChunks"] as const;

// Merged with the stored values, validated as a whole, saved with one audit entry of old and new
// values; invalid input saves nothing. Ingest reads them on every upload.
export async function updateStorageLimits(actor: Actor, siteId: string, patch: TStorageLimitsPatch, now = new Date()) {
  const site = await requireSiteFor(actor, siteId);
  const before = { storageQuotaMb: site.storageQuotaMb, sessionMaxMb: site.sessionMaxMb, sessionMaxChunks: site.sessionMaxChunks };
  const parsed = ZStorageLimits.safeParse({ ...before, ...patch });
  if (!parsed.success) throw invalidInput(parsed.error);
  const changes: Record<string, { from: number; to: number }> = {};
  for (const key of LIMIT_KEYS) if (before[key] !== parsed.data[key]) changes[key] = { from: before[key], to: parsed.data[key] };
  if (Object.keys(changes).length === 0) return { changed: [] as string[] };
  await db().$transaction(async (tx) => {
    // Conditional on the version read, as for the other settings (lib/sites/update-settings.ts).
    const { count } = await tx.site.updateMany({ where: { id: site.id, updatedAt: site.updatedAt }, data: { ...parsed.data, updatedAt: now } });
    if (count === 0) throw new AppError("conflict", "The settings changed meanwhile; reload the page and try again.");
    await appendAudit({ actor: auditActor(actor), action: "site.storage-limits", target: { type: "site", id: site.id }, siteId: site.id, details: { changes }, at: now }, tx);
  });
  return { changed: Object.keys(changes) };
}

// For the admin's site page: what the site's recordings hold now, against its limits.
export async function storageUsage(actor: Actor, siteId: string) {
  const site = await requireSiteFor(actor, siteId);
  const sessions = await db().recording.count({ where: { siteId: site.id } });
  return { storedBytes: Number(site.storedBytes), sessions, storageQuotaMb: site.storageQuotaMb, sessionMaxMb: site.sessionMaxMb, sessionMaxChunks: site.sessionMaxChunks };
}
