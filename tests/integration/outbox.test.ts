// The outbox against the real database of the run and a real SMTP server on loopback: retries
// with backoff while the mail server is down, exactly one delivery per queued mail once it is back
// (by Message-ID), the dead letters and "send again", concurrent workers, and a reveal request
// whose email has not left yet.
import { randomBytes } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";

// Short retries for the test, few attempts (read when the modules below first read the env).
process.env.JOB_BACKOFF_BASE_MS = "200";
process.env.JOB_MAX_ATTEMPTS = "3";

const { db } = await import("@/lib/db/client");
const { env } = await import("@/lib/config/env");
const { createSite } = await import("@/lib/sites/create-site");
const { createTicketFromSdk } = await import("@/lib/tickets/create-ticket");
const { deliverDueJobs, ticketThreadId } = await import("@/lib/jobs/deliver");
const { listJobs } = await import("@/lib/jobs/list-jobs");
const { resendJob } = await import("@/lib/jobs/resend-job");
const { startMailbox } = await import("@/tests/support/mailbox");
const { waitUntil } = await import("@/tests/support/poll");
const { staff } = await import("@/tests/support/factories");
const { purgeFinishedJobs } = await import("@/lib/jobs/purge-jobs");
const { deleteCustomerAccount } = await import("@/lib/account/customer-rights");

type Sink = Awaited<ReturnType<typeof startMailbox>>;
let sink: Sink | null = null;
let site: { id: string };

// The suite drives delivery itself (deliver: false): one pass at a time, as a worker's loop does.
const startSink = async () => (sink = await startMailbox(env().MAILBOX_SMTP_PORT, { deliver: false }));
const pass = (worker = "outbox-test") => deliverDueJobs({ worker });
const jobsOf = (ids: string[]) => db().job.findMany({ where: { id: { in: ids } }, orderBy: { createdAt: "asc" } });

// Tickets from the support form: each queues one "we received your request" email to a new address.
async function queueTicketMails(n: number) {
  const jobIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const email = `outbox-${randomBytes(4).toString("hex")}@t.example`;
    const { ticketId } = await createTicketFromSdk(site, { email, subject: "Order missing", message: "Where is it?", sessionId: null });
    const job = await db().job.findFirstOrThrow({ where: { ticketId } });
    jobIds.push(job.id);
  }
  return jobIds;
}

// Past a job's next try, so the next pass takes it.
const dueAgain = (ids: string[]) =>
  waitUntil(async () => (await jobsOf(ids)).every((j) => j.runAt <= new Date()), { what: "the jobs' next try", timeoutMs: 10_000 });

beforeAll(async () => {
  site = await createSite({ name: "Outbox shop", origins: ["https://outbox.example"], by: { id: null, label: "test" } });
});

afterEach(async () => {
  await sink?.close();
  sink = null;
});

describe("the outbox", () => {
  it("retries with growing delays while SMTP is down, then delivers every queued mail exactly once, same Message-ID", async () => {
    const ids = await queueTicketMails(4);
    const queued = await jobsOf(ids);
    expect(queued.every((j) => j.status === "queued" && j.attempts === 0 && /^<[0-9a-f]{32}@.+>$/.test(j.messageId ?? ""))).toBe(true);

    // Nothing listens on the mail port: each attempt fails, is counted, and waits base × 2^(n-1).
    let before = Date.now();
    await pass();
    let failed = await jobsOf(ids);
    for (const j of failed) {
      expect(j).toMatchObject({ status: "queued", attempts: 1, leaseUntil: null, leasedBy: null });
      expect(j.lastError).toMatch(/^Error ECONNECTION|^Error ESOCKET/);
      expect(j.runAt.getTime() - before).toBeGreaterThanOrEqual(200 - 5);
    }
    // Not due yet: a pass right away leaves them.
    await pass();
    expect((await jobsOf(ids)).every((j) => j.attempts === 1)).toBe(true);
    await dueAgain(ids);
    before = Date.now();
    await pass();
    failed = await jobsOf(ids);
    for (const j of failed) {
      expect(j.attempts).toBe(2);
      expect(j.runAt.getTime() - before).toBeGreaterThanOrEqual(400 - 5);
    }

    // The mail server is back: the next pass after their next try sends each once.
    const mailbox = await startSink();
    await dueAgain(ids);
    await pass();
    const done = await jobsOf(ids);
    expect(done.every((j) => j.status === "done" && j.attempts === 3 && j.doneAt !== null && j.lastError === null)).toBe(true);
    await pass();
    const received = await mailbox.all();
    for (const j of done) {
      const copies = received.filter((m) => m.messageId === j.messageId);
      expect(copies).toHaveLength(1);
      // Threaded under the ticket: mail clients group every email about it.
      expect(copies[0]!.inReplyTo).toBe(ticketThreadId(j.ticketId!));
      expect(copies[0]!.subject).toBe("We received your support request");
    }
  });

  it("moves a job to the dead letters after its last attempt; the admin's 'send again' delivers it", async () => {
    const [id] = await queueTicketMails(1);
    for (let attempt = 1; attempt <= 3; attempt++) {
      await dueAgain([id!]);
      await pass();
    }
    const [dead] = await jobsOf([id!]);
    expect(dead).toMatchObject({ status: "dead", attempts: 3 });
    expect(dead!.lastError).toMatch(/ECONNECTION|ESOCKET/);
    // Dead jobs stay dead: no pass takes them.
    await pass();
    expect((await jobsOf([id!]))[0]!.status).toBe("dead");

    const listed = (await listJobs({ status: "dead" })).find((j) => j.id === id);
    expect(listed).toMatchObject({ state: "dead", template: "ticket-received", mayResend: true, attempts: 3 });
    expect(listed!.recipient).toMatch(/^o•••@t\.example$/);

    const admin = await staff("outbox-admin", "admin");
    await expect(resendJob(admin, "no-such-job")).rejects.toThrow(/No such job/);
    expect(await resendJob(admin, id!)).toEqual({ id, status: "queued" });
    expect((await jobsOf([id!]))[0]).toMatchObject({ status: "queued", attempts: 0 });
    const audit = await db().auditEntry.findFirstOrThrow({ where: { action: "job.resend", targetId: id }, orderBy: { seq: "desc" } });
    expect(audit.actorLabel).toBe(admin.email);

    const mailbox = await startSink();
    await pass();
    const [sent] = await jobsOf([id!]);
    expect(sent).toMatchObject({ status: "done", attempts: 1 });
    expect((await mailbox.all()).filter((m) => m.messageId === dead!.messageId)).toHaveLength(1);
    // Delivered: nothing to send again.
    await expect(resendJob(admin, id!)).rejects.toThrow(/already delivered/);
  });

  it("two workers delivering at once never send a job twice", async () => {
    const mailbox = await startSink();
    await pass(); // whatever other suites left due goes first
    const ids = await queueTicketMails(24);
    const [a, b] = await Promise.all([pass("worker-a"), pass("worker-b")]);
    const jobs = await jobsOf(ids);
    expect(jobs.every((j) => j.status === "done" && j.attempts === 1)).toBe(true);
    expect(a.sent + b.sent).toBeGreaterThanOrEqual(ids.length);
    const received = await waitUntil(async () => {
      const all = await mailbox.all();
      return jobs.every((j) => all.some((m) => m.messageId === j.messageId)) && all;
    }, { what: "every mail in the sink", timeoutMs: 10_000 });
    for (const j of jobs) expect(received.filter((m) => m.messageId === j.messageId)).toHaveLength(1);
  });

  it("keeps sent jobs 7 days and dead ones 30; a customer's erasure takes their tickets' jobs", async () => {
    const DAY = 24 * 3600_000;
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const make = (status: "done" | "dead", at: Date) => db().job.create({ data: { kind: "mail", payload: {}, status, createdAt: at, doneAt: status === "done" ? at : null } });
    const [oldSent, recentSent, oldDead, recentDead] = await Promise.all([make("done", ago(8)), make("done", ago(6)), make("dead", ago(31)), make("dead", ago(29))]);
    await purgeFinishedJobs(now);
    const left = (await jobsOf([oldSent.id, recentSent.id, oldDead.id, recentDead.id])).map((j) => j.id);
    expect(left.sort()).toEqual([recentSent.id, recentDead.id].sort());

    const [queued] = await queueTicketMails(1);
    const job = (await jobsOf([queued!]))[0]!;
    const ticket = await db().ticket.findUniqueOrThrow({ where: { id: job.ticketId! }, select: { customerId: true } });
    await deleteCustomerAccount(ticket.customerId!);
    expect(await jobsOf([queued!])).toEqual([]);
  });
});
