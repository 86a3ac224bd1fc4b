import "server-only";
import { db } from "@/lib/db/client";
import { appendAudit } from "@/lib/audit/append";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { invalidInput } from "@/lib/http/respond";
import { requireSiteFor } from "@/lib/sites/admin-sites";
import { auditActor } from "@/lib/auth/scope";
import { maskingModeRefusal, SETTING_KEYS, settingsOf, ZSiteSettings } from "@/lib/sites/schemas";
import { custodyOfSite } from "@/lib/sites/custody";

// Applies a partial change of a site's settings: merged with the stored values, validated as a
// whole (cross-field rules included), saved with one audit entry holding each old and new value.
// Invalid input saves nothing. The SDK reads the site on every config fetch, so the change applies
// to sessions that start afterwards.
export async function updateSiteSettings(actor: Actor, siteId: string, patch: Record<string, unknown>, now = new Date()) {
  const site = await requireSiteFor(actor, siteId);
  const before = settingsOf(site);
  const parsed = ZSiteSettings.safeParse({ ...before, ...patch });
  if (!parsed.success) throw invalidInput(parsed.error);
  const after = parsed.data;
  // Privacy point 6: M2 only with an enrolled key custodian, M1 only with a key the server opens.
  // The write below is conditional on the version read, so a custody change meanwhile conflicts.
  if (after.maskingMode !== before.maskingMode) {
    const refusal = maskingModeRefusal(after.maskingMode, (await custodyOfSite(site.id, now)).state);
    if (refusal) throw new AppError("bad_request", `maskingMode: ${refusal}`, [{ path: "maskingMode", message: refusal }]);
  }
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of SETTING_KEYS) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = { from: before[key], to: after[key] };
  }
  if (Object.keys(changes).length === 0) return { changed: [] as string[] };
  await db().$transaction(async (tx) => {
    // Conditional on the version we read, so the audit's "from" values are the ones replaced.
    const { count } = await tx.site.updateMany({ where: { id: site.id, updatedAt: site.updatedAt }, data: { ...after, updatedAt: now } });
    if (count === 0) throw new AppError("conflict", "The settings changed meanwhile; reload the page and try again.");
    await appendAudit({ actor: auditActor(actor), action: "site.settings", target: { type: "site", id: site.id }, siteId: site.id, details: { changes }, at: now }, tx);
  });
  return { changed: Object.keys(changes) };
}
