import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { anchoredCheckpoints } from "@/lib/audit/checkpoint";
import { RETENTION_HOURS_MAX } from "@/lib/retention/policy";
import { retentionCutoff, retiredVaultKeyCutoff } from "@/lib/retention/rules";
import { MAX_SESSION_MINUTES, SESSION_INACTIVITY_MINUTES } from "@/lib/replay/protocol";
import { deleteTicketJobs, purgeFinishedJobs } from "@/lib/jobs/purge-jobs";
import { purgeOldDeliveries } from "@/lib/inbound/deliveries";
import { purgeExpiredReplyAddresses } from "@/lib/mail/reply-address";
import { purgeExpiredEmbedSignIns } from "@/lib/embed/sign-in";

// Privacy point 8: everything Replaydesk keeps has a retention, not only recordings. The sweeper
// runs these after the recordings' deletions. Periods come from the environment (see
// docs/privacy.md for why there and not per site).

export type PurgeCounts = { tickets: number; consents: number; audit: number; receipts: number; vaultKeys: number; jobs: number; replyAddresses: number; inboundDeliveries: number; embedSignIns: number };

// Closed tickets (with their messages and reveal requests, by cascade, and their outbox jobs)
// once closed for longer than TICKET_RETENTION_DAYS. A reopened ticket has no closedAt and is kept.
export async function purgeClosedTickets(now: Date, days = env().TICKET_RETENTION_DAYS): Promise<number> {
  const expired = { status: "closed" as const, closedAt: { lt: retentionCutoff(now, days) } };
  return db().$transaction(async (tx) => {
    const ids = (await tx.ticket.findMany({ where: expired, select: { id: true } })).map((t) => t.id);
    await deleteTicketJobs(tx, ids);
    return (await tx.ticket.deleteMany({ where: { id: { in: ids } } })).count;
  });
}

export async function purgeConsentRecords(now: Date, days = env().CONSENT_RETENTION_DAYS): Promise<number> {
  return (await db().consentRecord.deleteMany({ where: { createdAt: { lt: retentionCutoff(now, days) } } })).count;
}

// Receipts are what lets ingest refuse a deleted session's return: kept past any session's life.
export async function purgeDeletionReceipts(now: Date, days = env().RECEIPT_RETENTION_DAYS): Promise<number> {
  return (await db().deletionReceipt.deleteMany({ where: { doneAt: { lt: retentionCutoff(now, days) } } })).count;
}

export async function purgeRetiredVaultKeys(now: Date): Promise<number> {
  const cutoff = retiredVaultKeyCutoff(now, { maxSessionMinutes: MAX_SESSION_MINUTES, inactivityMinutes: SESSION_INACTIVITY_MINUTES, maxRetentionHours: RETENTION_HOURS_MAX });
  return (await db().vaultKey.deleteMany({ where: { retiredAt: { lt: cutoff }, recordings: { none: {} } } })).count;
}

// Audit entries older than AUDIT_RETENTION_DAYS, but only up to a signed checkpoint of the key
// store, so the chain still verifies from there (lib/audit/verify.ts). Entries are purged from the
// start of the log only: the first entry still within the retention stops it.
export async function purgeExpiredAudit(now: Date, days = env().AUDIT_RETENTION_DAYS): Promise<number> {
  const keep = await db().auditEntry.findFirst({ where: { at: { gte: retentionCutoff(now, days) } }, orderBy: { seq: "asc" }, select: { seq: true } });
  const limit = keep ? keep.seq - 1 : Number.MAX_SAFE_INTEGER;
  const checkpoint = (await anchoredCheckpoints()).filter((c) => c.seq <= limit).at(-1);
  if (!checkpoint) return 0;
  return (await db().auditEntry.deleteMany({ where: { seq: { lte: checkpoint.seq } } })).count;
}

export async function purgeExpiredRecords(now: Date): Promise<PurgeCounts> {
  return {
    tickets: await purgeClosedTickets(now),
    consents: await purgeConsentRecords(now),
    audit: await purgeExpiredAudit(now),
    receipts: await purgeDeletionReceipts(now),
    vaultKeys: await purgeRetiredVaultKeys(now),
    jobs: await purgeFinishedJobs(now),
    replyAddresses: await purgeExpiredReplyAddresses(db(), now),
    inboundDeliveries: await purgeOldDeliveries(now),
    embedSignIns: await purgeExpiredEmbedSignIns(now),
  };
}
