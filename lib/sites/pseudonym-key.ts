import "server-only";
import { db } from "@/lib/db/client";
import { appendAudit } from "@/lib/audit/append";
import type { Actor } from "@/lib/auth/actor";
import { requireSiteFor } from "@/lib/sites/admin-sites";
import { auditActor } from "@/lib/auth/scope";

// I2/I3: the site's pseudonyms are keyed hashes under a per-site key derived from
// PSEUDONYM_SECRET and this version. Bumping it means sessions recorded afterwards get pseudonyms
// that cannot be linked to the earlier ones (the point of rotating); nothing already stored changes.
export async function rotatePseudonymKey(actor: Actor, siteId: string, now = new Date()) {
  const site = await requireSiteFor(actor, siteId);
  return db().$transaction(async (tx) => {
    const updated = await tx.site.update({ where: { id: site.id }, data: { pseudonymKeyVersion: { increment: 1 }, updatedAt: now }, select: { pseudonymKeyVersion: true } });
    const from = updated.pseudonymKeyVersion - 1;
    await appendAudit({ actor: auditActor(actor), action: "site.pseudonym-key.rotate", target: { type: "site", id: site.id }, siteId: site.id, details: { from, to: updated.pseudonymKeyVersion }, at: now }, tx);
    return { version: updated.pseudonymKeyVersion };
  });
}
