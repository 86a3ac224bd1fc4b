import "server-only";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { isGrantActive } from "@/lib/auth/policy";
import { deploymentFacts } from "@/lib/compliance/deployment";
import type { ComplianceFacts, ViewFact } from "@/lib/compliance/measure";
import { DELETION_LAG_TARGET_MS } from "@/lib/retention/rules";
import { buildComplianceRecord, EVIDENCE_DAYS, type ComplianceRecord } from "@/lib/compliance/record";
import { splitSelectors } from "@/lib/ingest/sdk-config";
import { requireSiteFor } from "@/lib/sites/admin-sites";
import { CONSENT_EVIDENCE } from "@/lib/sites/consent-stats";
import { custodyOfSite } from "@/lib/sites/custody";
import { auditDetails } from "@/lib/audit/details";
import { stringList, triggerKinds } from "@/lib/db/json";

const VIEW_ACTIONS = ["replay.view", "unmask.view"];

// A site's recordings held right now, counted the ways the measures need.
async function recordingFacts(siteId: string): Promise<ComplianceFacts["recordings"]> {
  const here = { siteId };
  const vault = { siteId, chunks: { some: { stream: "vault" as const } } };
  const [held, verified, perSession, byTrigger, untriggered, withVaultCopy, scrubbed, scrubbedVault] = await Promise.all([
    db().recording.count({ where: here }),
    db().recording.count({ where: { siteId, pseudonym: { not: null }, pseudonymVerified: true } }),
    db().recording.count({ where: { siteId, pseudonym: { not: null }, pseudonymVerified: false } }),
    db().recording.groupBy({ by: ["triggerKind"], where: { siteId, triggerKind: { not: null } }, _count: { _all: true } }),
    db().recording.count({ where: { siteId, triggeredAt: null } }),
    db().recording.count({ where: vault }),
    db().recording.aggregate({ where: here, _sum: { scrubbedCount: true } }),
    db().recording.aggregate({ where: vault, _sum: { scrubbedCount: true } }),
  ]);
  return {
    held,
    verifiedPseudonym: verified,
    perSessionPseudonym: perSession,
    byTrigger: Object.fromEntries(byTrigger.map((g) => [g.triggerKind!, g._count._all])),
    untriggered,
    withVaultCopy,
    scrubbedValues: scrubbed._sum.scrubbedCount ?? 0,
    scrubbedWithVaultCopy: scrubbedVault._sum.scrubbedCount ?? 0,
  };
}

// Every staff viewing of the period (one audit entry per viewer, recording, scope and approval)
// with the approval it names. A recording deleted since has no mode left: the site's is assumed.
async function viewFacts(siteId: string, since: Date, siteMode: string): Promise<ViewFact[]> {
  const entries = await db().auditEntry.findMany({ where: { siteId, action: { in: VIEW_ACTIONS }, at: { gte: since } }, select: { at: true, actorId: true, action: true, details: true } });
  const revealIdOf = (details: string) => {
    const id = auditDetails(details).revealId;
    return typeof id === "string" ? id : null;
  };
  const ids = [...new Set(entries.map((e) => revealIdOf(e.details)).filter((id): id is string => id !== null))];
  const approvals = await db().revealRequest.findMany({
    where: { id: { in: ids } },
    select: { id: true, requesterId: true, status: true, scope: true, decidedAt: true, validatedById: true, validatedAt: true, custodyAcceptedAt: true, recording: { select: { maskingMode: true } } },
  });
  const byId = new Map(approvals.map((a) => [a.id, a]));
  return entries.map((e) => {
    const a = byId.get(revealIdOf(e.details) ?? "");
    return {
      at: e.at,
      viewerId: e.actorId,
      scope: e.action === "unmask.view" ? "unmasked" : "masked",
      maskingMode: a?.recording?.maskingMode ?? siteMode,
      approval: a
        ? { requesterId: a.requesterId, status: a.status, scope: a.scope, decidedAt: a.decidedAt, validatedById: a.validatedById, validatedAt: a.validatedAt, custodyAcceptedAt: a.custodyAcceptedAt }
        : null,
    };
  });
}

async function consentFacts(siteId: string, since: Date): Promise<ComplianceFacts["consents"]> {
  const period = { siteId, createdAt: { gte: since } };
  const [verified, unverified, withoutVersion, latest] = await Promise.all([
    db().consentRecord.groupBy({ by: ["granted"], where: { ...period, ...CONSENT_EVIDENCE }, _count: { _all: true } }),
    db().consentRecord.groupBy({ by: ["granted"], where: { ...period, verifiedAt: null }, _count: { _all: true } }),
    db().consentRecord.count({ where: { ...period, ...CONSENT_EVIDENCE, bannerVersion: null } }),
    db().consentRecord.findFirst({ where: { siteId, granted: true, ...CONSENT_EVIDENCE }, orderBy: { createdAt: "desc" }, select: { createdAt: true, bannerVersion: true } }),
  ]);
  const count = (groups: typeof verified, granted: boolean) => groups.find((g) => g.granted === granted)?._count._all ?? 0;
  return {
    given: count(verified, true),
    withdrawn: count(verified, false),
    unverified: { given: count(unverified, true), withdrawn: count(unverified, false) },
    withoutVersion,
    latestGrant: latest ? { at: latest.createdAt, bannerVersion: latest.bannerVersion } : null,
  };
}

// Gathers the live settings and evidence of one site for buildComplianceRecord.
export async function loadComplianceRecord(actor: Actor, siteId: string, now = new Date()): Promise<ComplianceRecord> {
  const site = await requireSiteFor(actor, siteId);
  const since = new Date(now.getTime() - EVIDENCE_DAYS * 86_400_000);
  const [vaultKeys, reveals, unmasks, receipts, overdueNow, grants, lastReviewEntry, recordings, views, consents, custody] = await Promise.all([
    db().vaultKey.findMany({ where: { siteId }, select: { createdAt: true, retiredAt: true } }),
    db().revealRequest.findMany({ where: { ticket: { siteId }, createdAt: { gte: since } }, select: { status: true, tokenExpiresAt: true } }),
    db().revealRequest.findMany({
      where: { ticket: { siteId }, scope: "unmasked", createdAt: { gte: since } },
      select: { id: true, createdAt: true, status: true, validatedAt: true, validatedBy: { select: { email: true } }, custodianId: true, custodyAcceptedAt: true, custodyRefusedAt: true },
      orderBy: { createdAt: "desc" },
      take: 100,
    }),
    db().deletionReceipt.findMany({ where: { siteId, doneAt: { gte: since } }, select: { dueAt: true, doneAt: true, reason: true } }),
    db().recording.count({ where: { siteId, deleteAfter: { lt: new Date(now.getTime() - DELETION_LAG_TARGET_MS) } } }),
    // Grants that reach this site: its own and those covering every site.
    db().roleGrant.findMany({ where: { revokedAt: null, OR: [{ siteId }, { siteId: null }], user: { deactivatedAt: null } } }),
    db().auditEntry.findFirst({ where: { action: "role.review", OR: [{ siteId }, { siteId: null }] }, orderBy: { seq: "desc" }, select: { at: true } }),
    recordingFacts(siteId),
    viewFacts(siteId, since, site.maskingMode),
    consentFacts(siteId, since),
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
  return buildComplianceRecord({
    now,
    periodDays: EVIDENCE_DAYS,
    site: {
      id: site.id,
      name: site.name,
      maskingMode: site.maskingMode,
      recordingMode: site.recordingMode,
      bufferMinutes: site.bufferMinutes,
      samplingRate: site.samplingRate,
      maxSessionMinutes: site.maxSessionMinutes,
      retentionHours: site.retentionHours,
      retentionReason: site.retentionReason,
      retentionJustification: site.retentionJustification,
      closeGraceMinutes: site.closeGraceMinutes,
      pseudonymKeyVersion: site.pseudonymKeyVersion,
      pseudonymSecretAt: site.pseudonymSecretAt,
      allowedOrigins: stringList(site.allowedOrigins, "Site.allowedOrigins"),
      triggers: triggerKinds(site.triggers),
      maskSelectors: splitSelectors(site.maskSelectors),
      unmaskSelectors: splitSelectors(site.unmaskSelectors),
      blockSelectors: splitSelectors(site.blockSelectors),
      sensitivePages: splitSelectors(site.sensitivePages),
      pathSegmentAllowList: splitSelectors(site.pathSegmentAllowList),
    },
    vault: { activeSince: active?.createdAt ?? null, retired: vaultKeys.length - (active ? 1 : 0) },
    custody: { state: custody.state, custodian: custody.custodian, since: custody.since },
    recordings,
    untriggeredDeleted: receipts.filter((r) => r.reason === "untriggered").length,
    reveals,
    unmasks: unmasks.map((u) => ({ id: u.id, requestedAt: u.createdAt, status: u.status, validatedBy: u.validatedBy?.email ?? null, validatedAt: u.validatedAt, custody: custodyAnswer(u) })),
    views,
    deletions: receipts,
    overdueNow,
    access: {
      activeGrants: inForce.length,
      overdueReviews: inForce.filter((g) => g.reviewDueAt <= now).length,
      suspended: grants.filter((g) => g.suspendedAt !== null && (g.expiresAt === null || g.expiresAt > now)).length,
      lastReviewAt: latest,
    },
    consents,
    deployment: deploymentFacts(),
  });
}
