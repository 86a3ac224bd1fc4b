import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { grantRole } from "@/lib/users/grants";
import { appendAudit } from "@/lib/audit/append";
import { recordingHash } from "@/lib/recordings/recording-hash";
import { deleteDueForTicket, mailAdminsAboutSuspensions, renderAccessReview, sweepOnce } from "@/lib/retention/sweep";
import { scheduleDeletionOnTicketClose } from "@/lib/retention/ticket-closed";
import { setTicketStatus } from "@/lib/tickets/ticket-status";
import { DELETED_TEXT, deleteCustomerAccount, deleteRecordingForCustomer, exportCustomerData } from "@/lib/account/customer-rights";
import { retentionOverview } from "@/lib/retention/overview";
import type { Actor } from "@/lib/auth/actor";
import { actorWithGrants } from "@/tests/support/actors";
import { revealState } from "@/lib/reveal/policy";
import { at, HOUR, makeRecording, makeSite, MINUTE } from "./retention-helpers";
// A queued access-review job's payload, as far as this test reads it.
const ZQueuedMail = z.object({ to: z.object({ email: z.string() }), params: z.object({ userId: z.string(), grantIds: z.array(z.string()) }) });

const by = { id: null, label: "test" };
const email = (name: string) => `${name}-${randomBytes(4).toString("hex")}@retention.example`;
// A fake clock: every sweep below is told what time it is.
const T0 = new Date(Math.floor(Date.now() / 1000) * 1000);
const worker = "retention-test";
// Grants other suites left overdue may be suspended by these sweeps: no mail server here.
const quiet = async () => {};
const sweep = (now: Date, opts: { batchSize?: number } = {}) => sweepOnce({ now, worker, notifyAdmins: quiet, ...opts });

type Site = Awaited<ReturnType<typeof makeSite>>;

// A status change as the desk makes it (the one domain function, audited); closing reports the
// number of recordings it scheduled in its audit entry.
async function setStatus(ticketId: string, to: "open" | "closed", now: Date) {
  const ticket = await db().ticket.findUniqueOrThrow({ where: { id: ticketId }, select: { id: true, siteId: true, status: true } });
  expect(await db().$transaction((tx) => setTicketStatus(tx, by, ticket, to, now))).toBe(true);
}

async function closeTicket(ticketId: string, now: Date): Promise<number> {
  await setStatus(ticketId, "closed", now);
  const entry = await db().auditEntry.findFirstOrThrow({ where: { action: "ticket.close", targetId: ticketId }, orderBy: { seq: "desc" } });
  const { recordingsScheduled } = z.object({ recordingsScheduled: z.number() }).parse(JSON.parse(entry.details));
  return recordingsScheduled;
}

async function makeTicket(site: Site, customerId: string | null = null) {
  return db().ticket.create({ data: { siteId: site.id, customerId, subject: "Payment fails at checkout" } });
}

async function present(ids: string[]) {
  return (await db().recording.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((r) => r.id).sort();
}

// Gone for good: the row (with its wrapped data key, pseudonym and pages), every chunk of both
// streams, and exactly one receipt naming it only by hash.
async function expectDeleted(session: { id: string; siteId: string; sdkSessionId: string }, reason: string, dueAt: Date) {
  expect(await db().recording.findUnique({ where: { id: session.id } })).toBeNull();
  expect(await db().eventChunk.count({ where: { recordingId: session.id } })).toBe(0);
  const receipts = await db().deletionReceipt.findMany({ where: { recordingHash: recordingHash(session.siteId, session.sdkSessionId) } });
  expect(receipts).toHaveLength(1);
  expect(receipts[0]).toMatchObject({ siteId: session.siteId, reason, dueAt });
  expect(receipts[0]!.doneAt.getTime()).toBeGreaterThanOrEqual(dueAt.getTime());
  expect(JSON.stringify(receipts[0])).not.toContain(session.sdkSessionId);
}

async function expectIntact(id: string, chunks = 2) {
  const row = await db().recording.findUniqueOrThrow({ where: { id }, omit: { wrappedDataKey: false }, include: { _count: { select: { chunks: true } } } });
  expect(row.wrappedDataKey).toBeTruthy();
  expect(row._count.chunks).toBe(chunks);
}

describe("the retention sweeper (fake clock)", () => {
  let siteA: Site; // 4 h retention, deleted at once on closure
  let siteB: Site; // 1 h retention, 30 min grace after closure

  beforeAll(async () => {
    siteA = await makeSite({ retentionHours: 4, closeGraceMinutes: 0 });
    siteB = await makeSite({ retentionHours: 1, closeGraceMinutes: 30 });
  });

  it("deletes exactly what is due at each moment, never a millisecond early, with one receipt each", async () => {
    const ticketA = await makeTicket(siteA);
    const ticketB = await makeTicket(siteB);
    const ticketC = await makeTicket(siteB);
    const triggeredEnded = await makeRecording(siteA, { lastEventAt: T0, endedAt: T0, triggeredAt: T0 }); // due T0+4h
    const untriggered = await makeRecording(siteA, { lastEventAt: T0, endedAt: T0 }); // due T0+15m
    const stillOpen = await makeRecording(siteA, { lastEventAt: T0, triggeredAt: T0 }); // ends T0+30m, due T0+4h30m
    const closedAtOnce = await makeRecording(siteA, { lastEventAt: T0, endedAt: T0, triggeredAt: T0, ticketId: ticketA.id });
    const closedWithGrace = await makeRecording(siteB, { lastEventAt: T0, endedAt: T0, triggeredAt: T0, ticketId: ticketB.id });
    const closedLate = await makeRecording(siteB, { lastEventAt: T0, endedAt: T0, triggeredAt: T0, ticketId: ticketC.id });
    const all = [triggeredEnded, untriggered, stillOpen, closedAtOnce, closedWithGrace, closedLate];
    const ids = (...sessions: { id: string }[]) => sessions.map((s) => s.id).sort();

    // An approval to view never keeps a recording: its grant is revoked with it.
    const reveal = await db().revealRequest.create({
      data: { recordingId: triggeredEnded.id, ticketId: ticketA.id, scope: "masked", justification: "see the error", status: "approved", tokenHash: `h${randomBytes(8).toString("hex")}`, tokenExpiresAt: at(T0, 72 * HOUR), accessUntil: at(T0, 24 * HOUR) },
    });

    // Ticket closures at T0+10m: A at once, B with 30 min grace (< its 1 h retention), C at T0+45m: its
    // grace would end after its retention, so retention still decides.
    expect(await closeTicket(ticketA.id, at(T0, 10 * MINUTE))).toBe(1);
    expect(await closeTicket(ticketB.id, at(T0, 10 * MINUTE))).toBe(1);
    expect(await closeTicket(ticketC.id, at(T0, 45 * MINUTE))).toBe(1);
    const due = {
      closedAtOnce: at(T0, 10 * MINUTE),
      untriggered: at(T0, 15 * MINUTE),
      closedWithGrace: at(T0, 40 * MINUTE),
      closedLate: at(T0, HOUR),
      triggeredEnded: at(T0, 4 * HOUR),
      stillOpen: at(T0, 4 * HOUR + 30 * MINUTE),
    };
    expect((await db().recording.findUniqueOrThrow({ where: { id: closedAtOnce.id } })).deleteAfter).toEqual(due.closedAtOnce);
    expect((await db().recording.findUniqueOrThrow({ where: { id: closedWithGrace.id } })).deleteAfter).toEqual(due.closedWithGrace);
    expect((await db().recording.findUniqueOrThrow({ where: { id: closedLate.id } })).deleteAfter).toEqual(due.closedLate);

    const steps: [Date, string[]][] = [
      [at(due.closedAtOnce, -1), ids(...all)],
      [due.closedAtOnce, ids(triggeredEnded, untriggered, stillOpen, closedWithGrace, closedLate)],
      [at(due.untriggered, -1), ids(triggeredEnded, untriggered, stillOpen, closedWithGrace, closedLate)],
      [due.untriggered, ids(triggeredEnded, stillOpen, closedWithGrace, closedLate)],
      [due.closedWithGrace, ids(triggeredEnded, stillOpen, closedLate)],
      [at(due.closedLate, -1), ids(triggeredEnded, stillOpen, closedLate)],
      [due.closedLate, ids(triggeredEnded, stillOpen)],
      [at(due.triggeredEnded, -1), ids(triggeredEnded, stillOpen)],
      [due.triggeredEnded, ids(stillOpen)],
      [at(due.stillOpen, -1), ids(stillOpen)],
    ];
    for (const [now, expected] of steps) {
      const run = await sweep(now);
      expect(run.result, run.message).toBe("ok");
      expect(await present(ids(...all)), `remaining at T0+${now.getTime() - T0.getTime()} ms`).toEqual(expected);
    }
    await expectIntact(stillOpen.id);

    await expectDeleted(closedAtOnce, "ticket-closed", due.closedAtOnce);
    await expectDeleted(untriggered, "untriggered", due.untriggered);
    await expectDeleted(closedWithGrace, "ticket-closed", due.closedWithGrace);
    await expectDeleted(closedLate, "retention", due.closedLate);
    await expectDeleted(triggeredEnded, "retention", due.triggeredEnded);
    const revoked = await db().revealRequest.findUniqueOrThrow({ where: { id: reveal.id }, omit: { tokenHash: false } });
    expect(revoked).toMatchObject({ status: "revoked", tokenHash: null, recordingId: null });

    // Reopening a ticket brings nothing back.
    await db().ticket.update({ where: { id: ticketA.id }, data: { status: "open", closedAt: null } });
    await sweep(due.stillOpen);
    await expectDeleted(stillOpen, "retention", due.stillOpen);
    expect(await db().recording.count({ where: { ticketId: ticketA.id } })).toBe(0);
  });

  it("is idempotent: a second run at the same time deletes nothing and writes no receipt", async () => {
    const s = await makeRecording(siteA, { lastEventAt: T0, endedAt: T0 });
    const now = at(T0, 20 * MINUTE);
    const first = await sweep(now);
    expect(first.deleted).toBeGreaterThanOrEqual(1);
    const receipts = await db().deletionReceipt.count();
    const second = await sweep(now);
    expect(second).toMatchObject({ deleted: 0, failed: 0, result: "ok" });
    expect(await db().deletionReceipt.count()).toBe(receipts);
    await expectDeleted(s, "untriggered", at(T0, 15 * MINUTE));
  });

  it("catches up after downtime in bounded batches, in one call", async () => {
    const sessions = await Promise.all(Array.from({ length: 7 }, (_, i) => makeRecording(siteB, { lastEventAt: at(T0, -i * HOUR), endedAt: at(T0, -i * HOUR), triggeredAt: T0, chunks: 1 })));
    const run = await sweep(at(T0, 2 * HOUR), { batchSize: 2 });
    expect(run.result).toBe("ok");
    expect(run.byReason.retention).toBeGreaterThanOrEqual(7);
    expect(await present(sessions.map((s) => s.id))).toEqual([]);
    const stored = await db().sweeperRun.findUniqueOrThrow({ where: { id: run.runId } });
    expect(stored).toMatchObject({ worker, result: "ok", deleted: run.deleted, startedAt: at(T0, 2 * HOUR) });
    expect(stored.finishedAt!.getTime()).toBeGreaterThanOrEqual(stored.startedAt.getTime());
  });

  it("isolates a failing deletion: the others go, the failure is reported without personal data, and retried", async () => {
    const ok1 = await makeRecording(siteA, { lastEventAt: T0, endedAt: T0, chunks: 1 });
    const bad = await makeRecording(siteA, { lastEventAt: T0, endedAt: T0, chunks: 1 });
    const ok2 = await makeRecording(siteA, { lastEventAt: T0, endedAt: T0, chunks: 1 });
    // A receipt already holding this recording's hash makes its deletion fail (unique hash).
    const blocker = await db().deletionReceipt.create({ data: { recordingHash: recordingHash(bad.siteId, bad.sdkSessionId), siteId: bad.siteId, reason: "retention", dueAt: T0 } });
    const now = at(T0, 15 * MINUTE);
    try {
      const run = await sweep(now, { batchSize: 1 });
      expect(run).toMatchObject({ result: "error", failed: 1 });
      expect(run.message).toMatch(/1 deletion\(s\) failed \(\w+ P2002\)/);
      expect(run.message).not.toContain(bad.sdkSessionId);
      expect(await present([ok1.id, bad.id, ok2.id])).toEqual([bad.id]);
      await expectIntact(bad.id, 1);
      expect((await db().sweeperRun.findUniqueOrThrow({ where: { id: run.runId } })).result).toBe("error");
    } finally {
      // Even when an assertion fails: a blocked row left behind would fail every later sweep.
      await db().deletionReceipt.delete({ where: { id: blocker.id } });
    }
    const retry = await sweep(now);
    expect(retry.result).toBe("ok");
    await expectDeleted(bad, "untriggered", at(T0, 15 * MINUTE));
  });

  it("schedules a recording ingest never scheduled, then deletes it on time", async () => {
    const orphan = await makeRecording(siteA, { lastEventAt: T0, unscheduled: true, chunks: 1 });
    await sweep(T0);
    expect((await db().recording.findUniqueOrThrow({ where: { id: orphan.id } })).deleteAfter).toEqual(at(T0, 45 * MINUTE));
    await sweep(at(T0, 45 * MINUTE));
    await expectDeleted(orphan, "untriggered", at(T0, 45 * MINUTE));
  });

  it("marks a run whose process died as interrupted", async () => {
    const dead = await db().sweeperRun.create({ data: { worker: "killed", startedAt: at(T0, -HOUR) } });
    await sweep(T0);
    expect(await db().sweeperRun.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({ result: "error", message: expect.stringMatching(/interrupted/) });
  });
});

describe("closing a ticket", () => {
  it("schedules every linked recording, grace capped by retention, only ever earlier, returning the count", async () => {
    const site = await makeSite({ retentionHours: 1, closeGraceMinutes: 600 });
    const ticket = await makeTicket(site);
    const a = await makeRecording(site, { lastEventAt: T0, endedAt: T0, triggeredAt: T0, ticketId: ticket.id });
    const b = await makeRecording(site, { lastEventAt: T0, unscheduled: true, ticketId: ticket.id });
    const other = await makeRecording(site, { lastEventAt: T0, endedAt: T0, triggeredAt: T0 });
    expect(await closeTicket(ticket.id, T0)).toBe(2);
    const deadline = at(T0, HOUR); // 600 min of grace, capped by the 1 h retention
    for (const id of [a.id, b.id]) {
      expect(await db().recording.findUniqueOrThrow({ where: { id } })).toMatchObject({ closeDeleteAt: deadline, deleteAfter: deadline });
    }
    // Reopened and closed again later: the first deadline stays.
    await setStatus(ticket.id, "open", at(T0, 20 * MINUTE));
    expect(await closeTicket(ticket.id, at(T0, 30 * MINUTE))).toBe(2);
    expect((await db().recording.findUniqueOrThrow({ where: { id: a.id } })).closeDeleteAt).toEqual(deadline);
    expect((await db().recording.findUniqueOrThrow({ where: { id: other.id } })).closeDeleteAt).toBeNull();
    await expect(db().$transaction((tx) => scheduleDeletionOnTicketClose(tx, "no-such-ticket", T0))).rejects.toThrow(/No such ticket/);
  });

  it("ends viewing at once (grace 0): an approval or a pending request stops at the closure, not at the sweep", async () => {
    const site = await makeSite({ retentionHours: 4, closeGraceMinutes: 0 });
    const ticket = await makeTicket(site);
    const s = await makeRecording(site, { lastEventAt: T0, endedAt: T0, triggeredAt: T0, ticketId: ticket.id });
    const reveal = (status: "approved" | "pending") => ({ recordingId: s.id, ticketId: ticket.id, scope: "masked" as const, justification: "see the error", status, tokenExpiresAt: at(T0, 72 * HOUR), accessUntil: status === "approved" ? at(T0, 4 * HOUR) : null });
    const approved = await db().revealRequest.create({ data: reveal("approved") });
    const pending = await db().revealRequest.create({ data: reveal("pending") });
    const closedAt = at(T0, 5 * MINUTE);
    await closeTicket(ticket.id, closedAt);
    expect(revealState(await db().revealRequest.findUniqueOrThrow({ where: { id: approved.id } }), closedAt)).toBe("expired");
    expect(revealState(await db().revealRequest.findUniqueOrThrow({ where: { id: pending.id } }), closedAt)).toBe("expired");
    expect(revealState(approved, closedAt)).toBe("approved");

    // Deleted right after the closure commits, not a minute later; one receipt, never twice.
    expect(await deleteDueForTicket(ticket.id, closedAt)).toBe(1);
    await expectDeleted(s, "ticket-closed", closedAt);
    expect(await deleteDueForTicket(ticket.id, closedAt)).toBe(0);
  });

  it("with a grace period, deletes nothing before its end", async () => {
    const site = await makeSite({ retentionHours: 4, closeGraceMinutes: 30 });
    const ticket = await makeTicket(site);
    const s = await makeRecording(site, { lastEventAt: T0, endedAt: T0, triggeredAt: T0, ticketId: ticket.id, chunks: 1 });
    await closeTicket(ticket.id, T0);
    expect(await deleteDueForTicket(ticket.id, at(T0, 30 * MINUTE - 1))).toBe(0);
    await expectIntact(s.id, 1);
    expect(await deleteDueForTicket(ticket.id, at(T0, 30 * MINUTE))).toBe(1);
    await expectDeleted(s, "ticket-closed", at(T0, 30 * MINUTE));
  });
});

describe("access review in the sweep", () => {
  it("suspends a grant whose review is overdue and tells the admins, recorded on the run", async () => {
    const staff = email("late-agent");
    const { grant } = await grantRole({ email: staff, role: "agent", by, now: at(T0, -120 * 24 * HOUR) });
    const told: string[][] = [];
    const run = await sweepOnce({ now: T0, worker, notifyAdmins: async (grants) => void told.push(grants.map((g) => `${g.email}:${g.role}`)) });
    expect(run.suspended).toBeGreaterThanOrEqual(1);
    expect(told.flat()).toContain(`${staff}:agent`);
    expect((await db().roleGrant.findUniqueOrThrow({ where: { id: grant.id } })).suspendedAt).toEqual(T0);
    expect(run.message).not.toContain(staff);
    expect((await db().sweeperRun.findUniqueOrThrow({ where: { id: run.runId } })).suspended).toBe(run.suspended);
  });

  it("reports a failure to queue the admins' email as an error of the run, the suspension standing", async () => {
    const { grant } = await grantRole({ email: email("late-sup"), role: "supervisor", by, now: at(T0, -120 * 24 * HOUR) });
    const run = await sweepOnce({ now: T0, worker, notifyAdmins: async () => Promise.reject(new Error("database gone")) });
    expect(run.result).toBe("error");
    expect(run.message).toMatch(/could not queue the email to the admins/);
    expect((await db().roleGrant.findUniqueOrThrow({ where: { id: grant.id } })).suspendedAt).not.toBeNull();
  });

  it("mails every active admin, and an admin whose own grant was suspended", async () => {
    const admin = email("admin");
    await grantRole({ email: admin, role: "admin", by });
    const suspendedAdmin = email("old-admin");
    await grantRole({ email: suspendedAdmin, role: "admin", by, now: at(T0, -120 * 24 * HOUR) });
    await db().roleGrant.updateMany({ where: { user: { email: suspendedAdmin } }, data: { suspendedAt: T0 } });
    const suspendedGrant = await db().roleGrant.findFirstOrThrow({ where: { user: { email: suspendedAdmin } } });
    // Queued on the outbox, one per admin, and rendered when sent from the grants still suspended.
    const jobIds = await mailAdminsAboutSuspensions([{ grantId: suspendedGrant.id, email: suspendedAdmin, role: "admin" }], T0);
    const jobs = await db().job.findMany({ where: { id: { in: jobIds } } });
    const recipients = jobs.map((j) => ZQueuedMail.parse(j.payload));
    expect(recipients.map((p) => p.to.email)).toEqual(expect.arrayContaining([admin, suspendedAdmin]));
    const toAdmin = recipients.find((p) => p.to.email === admin)!;
    expect((await renderAccessReview(toAdmin.params))!.text).toContain(`${suspendedAdmin}: admin`);
    await db().roleGrant.update({ where: { id: suspendedGrant.id }, data: { suspendedAt: null } });
    expect(await renderAccessReview(toAdmin.params)).toBeNull();
    await db().job.deleteMany({ where: { id: { in: jobIds } } });
  });
});

describe("the customer's rights", () => {
  async function customerWithData() {
    const site = await makeSite();
    const user = await db().user.create({ data: { email: email("customer") } });
    const agent = await db().user.create({ data: { email: email("agent") } });
    const ticket = await db().ticket.create({
      data: {
        siteId: site.id, customerId: user.id, subject: "My order is stuck",
        messages: {
          create: [
            { authorId: user.id, authorRole: "customer", body: "I cannot pay with my card", createdAt: at(T0, -2 * MINUTE) },
            { authorId: agent.id, authorRole: "agent", body: "We are looking into it", createdAt: at(T0, -MINUTE) },
          ],
        },
      },
    });
    const pseudonym = `ps_${randomBytes(8).toString("hex")}`;
    const linked = await makeRecording(site, { lastEventAt: T0, endedAt: T0, triggeredAt: T0, ticketId: ticket.id, pseudonym, pseudonymVerified: true });
    const samePerson = await makeRecording(site, { lastEventAt: T0, triggeredAt: T0, pseudonym, pseudonymVerified: true });
    const stranger = await makeRecording(site, { lastEventAt: T0, triggeredAt: T0, pseudonym: `ps_${randomBytes(8).toString("hex")}`, pseudonymVerified: true });
    // The same value, never verified (as every link stored before signed pseudonyms existed): not theirs.
    const unverified = await makeRecording(site, { lastEventAt: T0, triggeredAt: T0, pseudonym });
    const reveal = await db().revealRequest.create({
      data: { recordingId: linked.id, ticketId: ticket.id, requesterId: agent.id, scope: "masked", justification: "to see the payment error", status: "pending", tokenHash: `h${randomBytes(8).toString("hex")}`, tokenExpiresAt: at(new Date(), 72 * HOUR) },
    });
    await appendAudit({ actor: { id: user.id, label: "customer" }, action: "ticket.create", target: { type: "ticket", id: ticket.id }, siteId: site.id });
    await appendAudit({ actor: { id: agent.id, label: agent.email }, action: "reveal.request", target: { type: "reveal", id: reveal.id }, siteId: site.id });
    return { site, user, agent, ticket, linked, samePerson, stranger, unverified, reveal };
  }

  it("exports tickets, messages, recordings' metadata, approvals and audit entries as JSON, never content", async () => {
    const d = await customerWithData();
    const data = await exportCustomerData(d.user.id, T0);
    expect(data.account.email).toBe(d.user.email);
    expect(data.tickets).toHaveLength(1);
    expect(data.tickets[0]!.messages.map((m) => [m.from, m.body])).toEqual([["you", "I cannot pay with my card"], ["agent", "We are looking into it"]]);
    expect(data.recordings.map((r) => [r.id, r.linkedBy]).sort()).toEqual([[d.linked.id, "ticket"], [d.samePerson.id, "pseudonym"]].sort());
    expect(Object.keys(data.recordings[0]!).sort()).toEqual(
      ["browser", "chunkCount", "deleteAfter", "endedAt", "errorCount", "id", "lastEventAt", "linkedBy", "maskingMode", "pages", "site", "startedAt", "status", "storedBytes", "ticketId", "triggerReason", "triggeredAt"].sort(),
    );
    expect(data.approvals).toEqual([expect.objectContaining({ id: d.reveal.id, recordingId: d.linked.id, status: "pending", justification: "to see the payment error" })]);
    expect(data.auditEntries.map((e) => [e.action, e.actor])).toEqual([["ticket.create", "you"], ["reveal.request", "support staff"]]);
    const text = JSON.stringify(data);
    for (const secret of [d.linked.wrappedDataKey!, d.linked.sdkSessionId, d.agent.email, d.stranger.id, d.unverified.id, "payload", "maskState"]) expect(text).not.toContain(secret);
  });

  it("lets a customer delete their own recording at once, and hides everyone else's", async () => {
    const d = await customerWithData();
    const other = await db().user.create({ data: { email: email("other") } });
    await expect(deleteRecordingForCustomer(other.id, d.linked.id, T0)).rejects.toThrow(/No such recording/);
    await expect(deleteRecordingForCustomer(d.user.id, d.samePerson.id, T0)).rejects.toThrow(/No such recording/);
    await expect(deleteRecordingForCustomer(d.user.id, "does-not-exist", T0)).rejects.toThrow(/No such recording/);
    await expectIntact(d.linked.id);
    await deleteRecordingForCustomer(d.user.id, d.linked.id, T0);
    await expectDeleted(d.linked, "customer", T0);
    expect(await db().auditEntry.count({ where: { action: "recording.delete", targetId: d.linked.id, actorId: d.user.id } })).toBe(1);
    await expect(deleteRecordingForCustomer(d.user.id, d.linked.id, T0)).rejects.toThrow(/No such recording/);
  });

  it("deletes an account: recordings and pseudonym links gone, sessions gone, tickets anonymised, audited", async () => {
    const d = await customerWithData();
    await db().session.create({ data: { userId: d.user.id, sessionToken: randomBytes(16).toString("hex"), expires: at(T0, HOUR) } });
    await db().account.create({ data: { userId: d.user.id, type: "email", provider: "email", providerAccountId: d.user.email } });
    const open2 = await db().ticket.create({ data: { siteId: d.site.id, customerId: d.user.id, subject: "Second question" } });

    const result = await deleteCustomerAccount(d.user.id, T0);
    expect(result).toEqual({ recordings: 2, tickets: 2, messages: 1, accountDeleted: true });
    expect(await db().user.findUnique({ where: { id: d.user.id } })).toBeNull();
    expect(await db().session.count({ where: { userId: d.user.id } })).toBe(0);
    expect(await db().account.count({ where: { userId: d.user.id } })).toBe(0);
    await expectDeleted(d.linked, "account-deleted", T0);
    await expectDeleted(d.samePerson, "account-deleted", T0);
    await expectIntact(d.stranger.id);
    await expectIntact(d.unverified.id);
    for (const id of [d.ticket.id, open2.id]) {
      expect(await db().ticket.findUniqueOrThrow({ where: { id } })).toMatchObject({ customerId: null, subject: DELETED_TEXT, status: "closed", anonymisedAt: T0 });
    }
    const messages = await db().ticketMessage.findMany({ where: { ticketId: d.ticket.id }, orderBy: { createdAt: "asc" } });
    expect(messages.map((m) => [m.authorRole, m.authorId, m.body])).toEqual([["customer", null, DELETED_TEXT], ["agent", d.agent.id, "We are looking into it"]]);
    expect(await db().revealRequest.findUniqueOrThrow({ where: { id: d.reveal.id }, omit: { tokenHash: false } })).toMatchObject({ status: "revoked", tokenHash: null });
    const audit = await db().auditEntry.findFirstOrThrow({ where: { action: "account.delete", targetId: d.user.id } });
    expect(JSON.parse(audit.details)).toEqual({ recordings: 2, tickets: 2, messages: 1 });
    expect(audit.details + audit.actorLabel).not.toContain(d.user.email);
  });

  it("refuses to delete a staff account, changing nothing", async () => {
    const address = email("staff");
    const { user } = await grantRole({ email: address, role: "agent", by });
    await expect(deleteCustomerAccount(user.id, T0)).rejects.toThrow(/staff role/);
    expect(await db().user.findUnique({ where: { id: user.id } })).not.toBeNull();
    await expect(deleteCustomerAccount("no-such-user", T0)).rejects.toThrow(/No such account/);
  });
});

describe("the admin's retention overview", () => {
  it("shows a scoped actor the next deletions, what is due or overdue, and the last day's deletions by reason", async () => {
    const site = await makeSite({ retentionHours: 1 });
    const elsewhere = await makeSite({ retentionHours: 1 });
    const now = at(T0, 10 * 24 * HOUR); // far enough that only what is made here is of interest
    const soon = await makeRecording(site, { lastEventAt: now, endedAt: now, triggeredAt: now, chunks: 1 }); // due now+1h
    const later = await makeRecording(site, { lastEventAt: at(now, HOUR), endedAt: at(now, HOUR), triggeredAt: now, chunks: 1 });
    await makeRecording(site, { lastEventAt: at(now, -HOUR - MINUTE), endedAt: at(now, -HOUR - MINUTE), triggeredAt: now, chunks: 1 }); // due 1 min ago
    await makeRecording(site, { lastEventAt: at(now, -2 * HOUR), endedAt: at(now, -2 * HOUR), triggeredAt: now, chunks: 1 }); // an hour late
    await makeRecording(elsewhere, { lastEventAt: at(now, -2 * HOUR), endedAt: at(now, -2 * HOUR), triggeredAt: now, chunks: 1 });
    await db().deletionReceipt.createMany({
      data: [
        { recordingHash: `h${randomBytes(8).toString("hex")}`, siteId: site.id, reason: "retention", dueAt: now, doneAt: at(now, -HOUR) },
        { recordingHash: `h${randomBytes(8).toString("hex")}`, siteId: site.id, reason: "retention", dueAt: now, doneAt: at(now, -2 * HOUR) },
        { recordingHash: `h${randomBytes(8).toString("hex")}`, siteId: site.id, reason: "customer", dueAt: now, doneAt: at(now, -3 * HOUR) },
        { recordingHash: `h${randomBytes(8).toString("hex")}`, siteId: site.id, reason: "customer", dueAt: now, doneAt: at(now, -25 * HOUR) },
        { recordingHash: `h${randomBytes(8).toString("hex")}`, siteId: elsewhere.id, reason: "customer", dueAt: now, doneAt: at(now, -HOUR) },
      ],
    });
    const actor: Actor = actorWithGrants([{ role: "supervisor", siteId: site.id }], { userId: "u", email: "sup@example.test" });
    const o = await retentionOverview(actor, now);
    expect(o.next.map((n) => [n.id, n.reason])).toEqual([[soon.id, "retention"], [later.id, "retention"]]);
    expect(o.next[0]!.deleteAfter).toBe(at(now, HOUR).toISOString());
    expect({ dueNow: o.dueNow, overdue: o.overdue, stored: o.stored }).toEqual({ dueNow: 1, overdue: 1, stored: 4 });
    expect(o.deletedLastDay).toEqual([{ reason: "retention", count: 2 }, { reason: "customer", count: 1 }]);
  });
});
