import "server-only";
import { deleteTicketJobs } from "@/lib/jobs/purge-jobs";
import { db, type Db, type Tx } from "@/lib/db/client";
import { customerError } from "@/lib/i18n/customer-error";
import { AppError } from "@/lib/errors";
import { appendAudit, type AuditInput } from "@/lib/audit/append";
import { deleteRecording } from "@/lib/recordings/delete-recording";
import { lockRecording } from "@/lib/recordings/lock";
import { lockRows } from "@/lib/db/dialect";
import { revealState } from "@/lib/reveal/policy";
import { revokeOpenReveals } from "@/lib/reveal/reveal-status";
import { closeTicketsAfterErasure } from "@/lib/tickets/ticket-status";
import { auditDetails } from "@/lib/audit/details";
import { stringList } from "@/lib/db/json";

// Takes an account's row before deleting it (two deletion requests at once: one wins).
async function lockUser(tx: Tx, id: string): Promise<boolean> {
  return (await lockRows(tx, "User", [id], { skipLocked: false })).length > 0;
}

type Client = Db | Tx;

export const EXPORT_FORMAT = "replaydesk-export/1";
export const DELETED_TEXT = "[deleted by the customer]";
// Deleting an account touches every ticket and recording of the customer in one transaction.
const ACCOUNT_TX = { maxWait: 10_000, timeout: 60_000 };

// The sites a rights request reaches: every site (the customer's own requests, staff covering every
// site) or the sites of a staff member's grant (lib/auth/scope.ts).
export type SiteFilter = "all" | readonly string[];
const onSites = (sites: SiteFilter) => (sites === "all" ? {} : { siteId: { in: [...sites] } });

// The customer's recordings: those linked to their tickets, and every other recording carrying
// the same per-site pseudonym (the "pseudonym links"), but only a pseudonym the publisher's
// backend signed (pseudonymVerified, security M1): a claimed one would hand a stranger's
// recordings to whoever claims it. Links stored before verification existed are not followed.
export async function customerRecordings(client: Client, userId: string, sites: SiteFilter = "all") {
  const linked = await client.recording.findMany({ where: { ticket: { customerId: userId }, ...onSites(sites) }, select: { id: true, siteId: true, pseudonym: true, pseudonymVerified: true } });
  const pseudonyms = linked.filter((s) => s.pseudonym !== null && s.pseudonymVerified).map((s) => ({ siteId: s.siteId, pseudonym: s.pseudonym!, pseudonymVerified: true }));
  const same = pseudonyms.length > 0 ? await client.recording.findMany({ where: { OR: pseudonyms }, select: { id: true } }) : [];
  const linkedIds = new Set(linked.map((s) => s.id));
  return { linkedIds, allIds: [...new Set([...linkedIds, ...same.map((s) => s.id)])] };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

// Ids and roles, not names: staff and other people's data is not the customer's to export.
function actorFor(entry: { actorId: string | null; actorLabel: string }, userId: string | null): string {
  if (userId !== null && entry.actorId === userId) return "you";
  return entry.actorId === null ? entry.actorLabel : "support staff";
}

// Right of access and portability: the account, its tickets and messages, its recordings'
// metadata (never their content), the requests to view them and the audit entries about them.
// `sites` limits it to what is held for those sites (a staff member's rights request,
// lib/rights/); the customer's own export covers every site.
export async function exportCustomerData(userId: string, now = new Date(), sites: SiteFilter = "all") {
  const user = await db().user.findUnique({ where: { id: userId }, select: { email: true, name: true, locale: true, createdAt: true } });
  if (!user) throw new AppError("not_found", "No such account.");
  const { linkedIds, allIds } = await customerRecordings(db(), userId, sites);
  const data = await exportHeld({ userId, recordingIds: allIds, linkedIds }, sites, now);
  return { format: EXPORT_FORMAT, exportedAt: now.toISOString(), account: { email: user.email, name: user.name, locale: user.locale, createdAt: iso(user.createdAt) }, ...data, notes: EXPORT_NOTES };
}

// The same for recordings found without an account (a verified pseudonym, lib/rights/): their
// metadata, the requests to view them and the audit entries about them.
export async function exportRecordingData(recordingIds: readonly string[], now = new Date()) {
  const data = await exportHeld({ userId: null, recordingIds, linkedIds: new Set() }, "all", now);
  return { format: EXPORT_FORMAT, exportedAt: now.toISOString(), account: null, ...data, notes: EXPORT_NOTES };
}

const EXPORT_NOTES = "Recordings are listed with their metadata only: their content is encrypted and is shown only to support staff you approve, never exported.";

type Held = { userId: string | null; recordingIds: readonly string[]; linkedIds: ReadonlySet<string> };

async function exportHeld({ userId, recordingIds, linkedIds }: Held, sites: SiteFilter, now: Date) {
  const tickets = userId
    ? await db().ticket.findMany({
        where: { customerId: userId, ...onSites(sites) },
        orderBy: { createdAt: "asc" },
        include: { site: { select: { name: true } }, messages: { orderBy: { createdAt: "asc" }, select: { authorId: true, authorRole: true, body: true, createdAt: true } } },
      })
    : [];
  const recordings = await db().recording.findMany({ where: { id: { in: [...recordingIds] } }, orderBy: { startedAt: "asc" }, include: { site: { select: { name: true } } } });
  const ticketIds = tickets.map((t) => t.id);
  const approvals = await db().revealRequest.findMany({ where: { OR: [{ ticketId: { in: ticketIds } }, { recordingId: { in: [...recordingIds] } }] }, orderBy: { createdAt: "asc" } });
  const about = [...(userId ? [userId] : []), ...ticketIds, ...recordingIds, ...approvals.map((a) => a.id)];
  const audit = await db().auditEntry.findMany({ where: { OR: [...(userId ? [{ actorId: userId }] : []), { targetId: { in: about } }], ...onSites(sites) }, orderBy: { seq: "asc" } });
  return {
    tickets: tickets.map((t) => ({
      id: t.id,
      site: t.site.name,
      subject: t.subject,
      status: t.status,
      createdAt: iso(t.createdAt),
      closedAt: iso(t.closedAt),
      messages: t.messages.map((m) => ({ from: m.authorId === userId ? "you" : m.authorRole, body: m.body, at: iso(m.createdAt) })),
    })),
    recordings: recordings.map((r) => ({
      id: r.id,
      site: r.site.name,
      ticketId: r.ticketId,
      linkedBy: linkedIds.has(r.id) ? "ticket" : "pseudonym",
      status: r.status,
      startedAt: iso(r.startedAt),
      lastEventAt: iso(r.lastEventAt),
      endedAt: iso(r.endedAt),
      triggeredAt: iso(r.triggeredAt),
      triggerReason: r.triggerReason,
      maskingMode: r.maskingMode,
      pages: stringList(r.pages, "RecordedSession.pages"),
      browser: r.userAgent,
      errorCount: r.errorCount,
      chunkCount: r.chunkCount,
      storedBytes: r.storedBytes,
      deleteAfter: iso(r.deleteAfter),
    })),
    approvals: approvals.map((a) => ({
      id: a.id,
      ticketId: a.ticketId,
      recordingId: a.recordingId,
      scope: a.scope,
      justification: a.justification,
      status: revealState(a, now),
      requestedAt: iso(a.createdAt),
      decidedAt: iso(a.decidedAt),
      accessUntil: iso(a.accessUntil),
    })),
    auditEntries: audit.map((e) => ({
      seq: e.seq,
      at: iso(e.at),
      actor: actorFor(e, userId),
      action: e.action,
      targetType: e.targetType,
      targetId: e.targetId,
      details: auditDetails(e.details),
    })),
  };
}


// The caller's own recording (linked to one of their tickets), deleted at once. Anything else,
// including another customer's recording, is "not found": existence is not revealed.
export async function deleteRecordingForCustomer(userId: string, recordingId: string, now = new Date()): Promise<void> {
  await db().$transaction(async (tx) => {
    const locked = await lockRecording(tx, recordingId, { skipLocked: false });
    const own = locked ? await tx.recording.findFirst({ where: { id: recordingId, ticket: { customerId: userId } }, select: { id: true, siteId: true, ticketId: true } }) : null;
    if (!own) throw new AppError("not_found", "No such recording.");
    await deleteRecording({ recordingId: own.id, reason: "customer", dueAt: now, now }, tx);
    await appendAudit(
      { actor: { id: userId, label: "customer" }, action: "recording.delete", target: { type: "recording", id: own.id }, siteId: own.siteId, details: { reason: "customer", ticketId: own.ticketId }, at: now },
      tx,
    );
  });
}

// Staff roles are closed by an administrator (S2 keeps their history); self-service deletion is
// for customers. A revoked or expired grant does not count.
function holdsStaffRole(grants: { revokedAt: Date | null; expiresAt: Date | null }[], now: Date): boolean {
  return grants.some((g) => g.revokedAt === null && (g.expiresAt === null || g.expiresAt > now));
}

async function anonymiseTickets(tx: Tx, userId: string, now: Date, sites: SiteFilter, by: AuditInput["actor"]) {
  const tickets = await tx.ticket.findMany({ where: { customerId: userId, ...onSites(sites) }, select: { id: true } });
  const ticketIds = tickets.map((t) => t.id);
  const theirs = { authorId: userId, ticketId: { in: ticketIds } };
  const messages = await tx.ticketMessage.updateMany({ where: { ...theirs, authorRole: "customer" }, data: { body: DELETED_TEXT } });
  await tx.ticketMessage.updateMany({ where: theirs, data: { authorId: null } });
  // Nobody is left to answer: open tickets close, and any request to view is void.
  await revokeOpenReveals(tx, { ticketIds }, now);
  await closeTicketsAfterErasure(tx, by, ticketIds, now);
  await tx.ticket.updateMany({ where: { id: { in: ticketIds } }, data: { customerId: null, subject: DELETED_TEXT, anonymisedAt: now } });
  // Their emails still queued, or kept after delivery, go too (a payload can name their messages).
  await deleteTicketJobs(tx, ticketIds);
  return { tickets: ticketIds.length, messages: messages.count };
}

// Who erases: the customer from their account page, or a staff member acting on a request
// received by another channel (lib/rights/), named in the audit log with the reason they give.
export type Eraser = { kind: "customer" } | { kind: "staff"; actor: { id: string; label: string }; reason: string };

// Right to erasure: every recording of the customer (crypto-shredded, one receipt each), their
// pseudonym links, their sign-in sessions and links, and the account itself go; their tickets
// stay for the support team's records, anonymised (no customer, the customer's words replaced).
// One transaction: either all of it happens, or nothing does.
export async function deleteCustomerAccount(userId: string, now = new Date(), by: Eraser = { kind: "customer" }) {
  return eraseCustomerData(userId, "all", now, by);
}

// The same for a rights request handled by staff, limited to what is held for `sites` (those of
// their grant): those recordings and tickets; the account goes too once no ticket of it is left
// anywhere and it holds no staff role (staff roles are closed by an administrator: S2 keeps their
// history, so a staff member's customer data is erased and their account kept).
export async function eraseCustomerData(userId: string, sites: SiteFilter, now: Date, by: Eraser) {
  return db().$transaction(async (tx) => {
    const user = (await lockUser(tx, userId)) ? await tx.user.findUnique({ where: { id: userId }, include: { grants: true } }) : null;
    if (!user) throw new AppError("not_found", "No such account.");
    const staff = holdsStaffRole(user.grants, now);
    if (by.kind === "customer" && staff) throw customerError("conflict", "accountHoldsStaffRole");
    const { allIds } = await customerRecordings(tx, userId, sites);
    let recordings = 0;
    for (const id of allIds) {
      // A sweeper may have deleted it meanwhile: then there is nothing left to do for that one.
      if (!(await lockRecording(tx, id, { skipLocked: false }))) continue;
      if (await deleteRecording({ recordingId: id, reason: by.kind === "customer" ? "account-deleted" : "erasure-request", dueAt: now, now }, tx)) recordings += 1;
    }
    const anonymised = await anonymiseTickets(tx, userId, now, sites, by.kind === "customer" ? { id: userId, label: "customer" } : by.actor);
    const accountDeleted = !staff && (await tx.ticket.count({ where: { customerId: userId } })) === 0;
    if (accountDeleted) {
      await tx.session.deleteMany({ where: { userId } });
      await tx.account.deleteMany({ where: { userId } });
      await tx.verificationToken.deleteMany({ where: { identifier: user.email } });
    }
    const result = { recordings, tickets: anonymised.tickets, messages: anonymised.messages };
    await appendAudit(
      by.kind === "customer"
        ? { actor: { id: userId, label: "customer" }, action: "account.delete", target: { type: "user", id: userId }, details: result, at: now }
        : { actor: by.actor, action: "rights.erase", target: { type: "user", id: userId }, justification: by.reason, details: { ...result, accountDeleted, sites: sites === "all" ? "all" : [...sites] }, at: now },
      tx,
    );
    if (accountDeleted) await tx.user.delete({ where: { id: userId } });
    return { ...result, accountDeleted };
  }, ACCOUNT_TX);
}
