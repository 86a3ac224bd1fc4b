import "server-only";
import { db } from "@/lib/db/client";
import { appendAudit } from "@/lib/audit/append";
import type { Actor } from "@/lib/auth/actor";
import { requireSiteFor } from "@/lib/sites/admin-sites";
import { auditActor } from "@/lib/auth/scope";

export const CONSENT_CSV_HEADER = ["proof_id", "created_at", "choice", "banner_version", "session_hash", "used_by_upload_at", "purpose"];
const PAGE = 500;

// Privacy point 3 / proof of consent: every consent record of a site, one row each, for an audit
// of the consent mechanism. The session appears only as the keyed hash the record keeps;
// used_by_upload_at tells records a real session used from ones anyone could have posted (L9).
// Reading the evidence out is itself audited.
export async function exportConsentRecords(actor: Actor, siteId: string, now = new Date()) {
  const site = await requireSiteFor(actor, siteId);
  await appendAudit({ actor: auditActor(actor), action: "consent.export", target: { type: "site", id: site.id }, siteId: site.id, at: now });
  return { siteId: site.id, rows: consentRows(site.id) };
}

// Page by page, oldest first, so memory stays bounded whatever the site's traffic.
async function* consentRows(siteId: string): AsyncGenerator<(string | null)[]> {
  let cursor: string | undefined;
  for (;;) {
    const page = await db().consentRecord.findMany({
      where: { siteId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    for (const r of page) {
      yield [r.id, r.createdAt.toISOString(), r.granted ? "granted" : "withdrawn", r.bannerVersion, r.sessionHash, r.verifiedAt?.toISOString() ?? null, r.purpose];
    }
    if (page.length < PAGE) return;
    cursor = page.at(-1)!.id;
  }
}
