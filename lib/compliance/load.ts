import "server-only";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { isGrantActive } from "@/lib/auth/policy";
import { splitSelectors } from "@/lib/ingest/sdk-config";
import { requireSiteFor } from "@/lib/sites/admin-sites";
import { CONSENT_EVIDENCE } from "@/lib/sites/consent-stats";
import { custodyOfSite } from "@/lib/sites/custody";
import { buildComplianceRecord, DELETION_TOLERANCE_MS, EVIDENCE_DAYS, type ComplianceRecord } from "@/lib/compliance/record";

// Gathers the live settings and evidence of one site for buildComplianceRecord.
export async function loadComplianceRecord(actor: Actor, siteId: string, now = new Date()): Promise<ComplianceRecord> {
  const site = await requireSiteFor(actor, siteId);
  const since = new Date(now.getTime() - EVIDENCE_DAYS * 86_400_000);
  const [vaultKeys, reveals, unmasks, deletions, overdueNow, grants, lastReviewEntry, consents, custody] = await Promise.all([
    db().vaultKey.findMany({ where: { siteId }, select: { createdAt: true, retiredAt: true } }),
    db().revealRequest.findMany({ where: { ticket: { siteId }, createdAt: { gte: since } }, select: { status: true, tokenExpiresAt: true } }),
    db().revealRequest.findMany({
      where: { ticket: { siteId }, scope: "unmasked", createdAt: { gte: since } },
      select: { id: true, createdAt: true, status: true, validatedAt: true, validatedBy: { select: { email: true } }, custodianId: true, custodyAcceptedAt: true, custodyRefusedAt: true },
      orderBy: { createdAt: "desc" },
      take: 100,
    }),
    db().deletionReceipt.findMany({ where: { siteId, doneAt: { gte: since } }, select: { dueAt: true, doneAt: true } }),
    db().recordedSession.count({ where: { siteId, deleteAfter: { lt: new Date(now.getTime() - DELETION_TOLERANCE_MS) } } }),
    // Grants that reach this site: its own and those covering every site.
    db().roleGrant.findMany({ where: { revokedAt: null, OR: [{ siteId }, { siteId: null }], user: { deactivatedAt: null } } }),
    db().auditEntry.findFirst({ where: { action: "role.review", OR: [{ siteId }, { siteId: null }] }, orderBy: { seq: "desc" }, select: { at: true } }),
    db().consentRecord.groupBy({ by: ["granted"], where: { siteId, createdAt: { gte: since }, ...CONSENT_EVIDENCE }, _count: { _all: true } }),
    custodyOfSite(siteId, now),
  ]);
  const custodians = await db().user.findMany({ where: { id: { in: unmasks.flatMap((u) => (u.custodianId ? [u.custodianId] : [])) } }, select: { id: true, email: true } });
  const custodyAnswer = (u: (typeof unmasks)[number]) => {
    const at = u.custodyAcceptedAt ?? u.custodyRefusedAt;
    return at ? { answer: u.custodyAcceptedAt ? ("accepted" as const) : ("refused" as const), by: custodians.find((c) => c.id === u.custodianId)?.email ?? null, at } : null;
  };
  const active = vaultKeys.find((k) => k.retiredAt === null) ?? null;
  const inForce = grants.filter((g) => isGrantActive(g, now));
  const reviewedAt = grants.map((g) => g.lastReviewedAt).filter((d): d is Date => d !== null);
  const latest = [...reviewedAt, ...(lastReviewEntry ? [lastReviewEntry.at] : [])].sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  const consentCount = (granted: boolean) => consents.find((c) => c.granted === granted)?._count._all ?? 0;
  return buildComplianceRecord({
    now,
    site: {
      ...site,
      triggers: JSON.parse(site.triggers) as string[],
      maskSelectorCount: splitSelectors(site.maskSelectors).length,
      unmaskSelectorCount: splitSelectors(site.unmaskSelectors).length,
      blockSelectorCount: splitSelectors(site.blockSelectors).length,
    },
    vault: { activeSince: active?.createdAt ?? null, retired: vaultKeys.length - (active ? 1 : 0) },
    custody: { state: custody.state, custodian: custody.custodian, since: custody.since },
    reveals,
    unmasks: unmasks.map((u) => ({ id: u.id, requestedAt: u.createdAt, status: u.status, validatedBy: u.validatedBy?.email ?? null, validatedAt: u.validatedAt, custody: custodyAnswer(u) })),
    deletions,
    overdueNow,
    access: {
      activeGrants: inForce.length,
      overdueReviews: inForce.filter((g) => g.reviewDueAt <= now).length,
      suspended: grants.filter((g) => g.suspendedAt !== null && (g.expiresAt === null || g.expiresAt > now)).length,
      lastReviewAt: latest,
    },
    consents: { given: consentCount(true), withdrawn: consentCount(false) },
  });
}
