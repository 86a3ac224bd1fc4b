import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { sendMail } from "@/lib/mail/send";
import { inboundDomain, replyAddressFor } from "@/lib/mail/reply-address";
import { isMailTemplateName, MAIL_TEMPLATES, type MailTemplate } from "@/lib/mail/registry";
import { buryAbandonedJobs, claimDueJobs } from "@/lib/jobs/claim";
import { afterFailure, LEASE_MS } from "@/lib/jobs/policy";
import { describeFailure } from "@/lib/retention/sweep";
import { deliverWebhook, UndeliverableWebhook } from "@/lib/webhooks/deliver-webhook";
import { deliverNote, UndeliverableNote } from "@/lib/helpdesk/notes";

export type Job = NonNullable<Awaited<ReturnType<ReturnType<typeof db>["job"]["findUnique"]>>>;
export type Delivery = "sent" | "skipped" | "retry" | "dead";
export type DeliveryCounts = Record<Delivery, number>;

const BATCH = 10;

// A mail job's payload as enqueueMail wrote it (lib/jobs/enqueue.ts MailPayload).
const ZMailPayload = z.object({
  template: z.string(),
  params: z.record(z.string(), z.unknown()),
  to: z.object({ email: z.string(), userId: z.string().optional() }),
  replyAs: z.object({ ticketId: z.string(), userId: z.string() }).optional(),
});

// A job that can never succeed (a payload of another shape, a template that no longer exists).
class UndeliverableJob extends Error {
  override name = "UndeliverableJob";
}

// Every mail about a ticket follows this id, so mail clients keep them in one thread (and replies
// that quote it thread back to the ticket).
export function ticketThreadId(ticketId: string): string {
  return `<ticket-${ticketId}@${inboundDomain()}>`;
}

async function deliverMail(job: Job, now: Date): Promise<"sent" | "skipped"> {
  const parsed = ZMailPayload.safeParse(job.payload);
  if (!parsed.success || !isMailTemplateName(parsed.data.template) || !job.messageId) throw new UndeliverableJob();
  const { template: name, params, to, replyAs } = parsed.data;
  // The registry types each template's parameters; the payload was written for this template.
  const entry = MAIL_TEMPLATES[name] as MailTemplate<typeof params>;
  const rendered = await entry.render(params, { now, messageId: job.messageId });
  if (!rendered) {
    await finish(job, { status: "done", doneAt: now, lastError: "skipped: nothing to send any more" });
    return "skipped";
  }
  const replyTo = replyAs ? await replyAddressFor(db(), replyAs.ticketId, replyAs.userId, now) : undefined;
  if (entry.beforeSend) await db().$transaction((tx) => entry.beforeSend!(tx, params, { now }));
  try {
    await sendMail({ to: to.email, ...rendered, messageId: job.messageId, replyTo, inReplyTo: job.ticketId ? ticketThreadId(job.ticketId) : undefined });
  } catch (err) {
    if (entry.sendFailed) await db().$transaction((tx) => entry.sendFailed!(tx, params, { now }));
    throw err;
  }
  await finish(job, { status: "done", doneAt: now, lastError: null });
  return "sent";
}

// updateMany: a job deleted meanwhile (its ticket erased during the send) is simply gone.
async function finish(job: Job, data: { status: "queued" | "done" | "dead"; runAt?: Date; doneAt?: Date; lastError: string | null }) {
  await db().job.updateMany({ where: { id: job.id }, data: { ...data, leaseUntil: null, leasedBy: null } });
}

// The error's class and code, and the SMTP reply code: never a message, which can quote an address.
function failureOf(err: unknown): string {
  const smtpCode = err instanceof Error ? (err as { responseCode?: unknown }).responseCode : undefined;
  return typeof smtpCode === "number" ? `${describeFailure(err)} ${smtpCode}` : describeFailure(err);
}

// One claimed job: sent (or skipped), else retried later or dead-lettered. A failure is kept as
// the error's class and codes only.
export async function deliverJob(job: Job, now = new Date()): Promise<Delivery> {
  try {
    if (job.kind === "mail") return await deliverMail(job, now);
    if (job.kind === "note") {
      const outcome = await deliverNote(job);
      await finish(job, { status: "done", doneAt: now, lastError: outcome === "skipped" ? "skipped: helpdesk disconnected or its notes API removed" : null });
      return outcome;
    }
    if (job.kind !== "webhook") throw new UndeliverableJob();
    const outcome = await deliverWebhook(job, now);
    await finish(job, { status: "done", doneAt: now, lastError: outcome === "skipped" ? "skipped: endpoint disabled or removed" : null });
    return outcome;
  } catch (err) {
    const lastError = failureOf(err);
    const outcome = err instanceof UndeliverableJob || err instanceof UndeliverableWebhook || err instanceof UndeliverableNote ? ({ status: "dead" } as const) : afterFailure(job, now, env().JOB_BACKOFF_BASE_MS);
    await finish(job, { ...outcome, lastError });
    return outcome.status === "dead" ? "dead" : "retry";
  }
}

// Stopping with claimed jobs not yet tried: they are due again at once, their attempt uncounted.
async function releaseUnstarted(worker: string, ids: string[]): Promise<void> {
  await db().job.updateMany({ where: { id: { in: ids }, leasedBy: worker, status: "queued" }, data: { leaseUntil: null, leasedBy: null, attempts: { decrement: 1 } } });
}

// Claims and delivers due jobs, batch after batch, until none is due (or `signal` asks to stop:
// the send in progress finishes first). `now` is read per batch unless a test fixes it.
export async function deliverDueJobs(opts: { worker: string; now?: () => Date; leaseMs?: number; signal?: AbortSignal }): Promise<DeliveryCounts> {
  const clock = opts.now ?? (() => new Date());
  const counts: DeliveryCounts = { sent: 0, skipped: 0, retry: 0, dead: await buryAbandonedJobs(clock()) };
  while (!opts.signal?.aborted) {
    const jobs = await claimDueJobs(opts.worker, { now: clock(), limit: BATCH, leaseMs: opts.leaseMs ?? LEASE_MS });
    if (jobs.length === 0) break;
    for (const [i, job] of jobs.entries()) {
      if (opts.signal?.aborted) {
        await releaseUnstarted(opts.worker, jobs.slice(i).map((j) => j.id));
        break;
      }
      counts[await deliverJob(job, clock())]++;
    }
  }
  return counts;
}
