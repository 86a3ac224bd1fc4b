import "server-only";
import { randomBytes } from "node:crypto";
import type { Prisma } from "@/generated/sqlite";
import type { Tx } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { inboundDomain } from "@/lib/mail/reply-address";
import type { MailParams, MailTemplateName } from "@/lib/mail/registry";
import { wakeJobLoops } from "@/lib/jobs/wake";

export type MailRecipient = { email: string; userId?: string };

// An email to send: which template, with what (ids and facts to render from, never rendered text),
// to whom. replyAs: the delivery sets Reply-To to this ticket's reply address for this user.
export type OutboxMail<N extends MailTemplateName = MailTemplateName> = {
  template: N;
  params: MailParams<N>;
  to: MailRecipient;
  ticketId?: string;
  replyAs?: { ticketId: string; userId: string };
  dedupeKey?: string;
};

// What a mail job's payload holds (read back by lib/jobs/deliver.ts).
export type MailPayload = { template: string; params: Prisma.InputJsonObject; to: MailRecipient; replyAs?: { ticketId: string; userId: string } };

export type NewJob = { kind: "mail" | "webhook" | "note"; payload: Prisma.InputJsonObject; ticketId?: string; dedupeKey?: string; messageId?: string };

// Queues a job inside the caller's transaction: the change and its job commit together, or neither
// does. With a dedupeKey already queued (or kept after delivery), nothing new is queued.
export async function enqueueJob(tx: Tx, job: NewJob, now = new Date()): Promise<{ id: string; messageId: string | null }> {
  const data = { kind: job.kind, payload: job.payload, ticketId: job.ticketId ?? null, dedupeKey: job.dedupeKey ?? null, messageId: job.messageId ?? null, maxAttempts: env().JOB_MAX_ATTEMPTS, runAt: now, createdAt: now };
  const created = job.dedupeKey
    ? await tx.job.upsert({ where: { dedupeKey: job.dedupeKey }, create: data, update: {}, select: { id: true, messageId: true } })
    : await tx.job.create({ data, select: { id: true, messageId: true } });
  // Before the commit, a loop may not see the job yet: its next poll (about a second) does.
  setTimeout(wakeJobLoops, WAKE_AFTER_COMMIT_MS).unref();
  return created;
}

// Leaves the caller's commit time to land before the loops look.
const WAKE_AFTER_COMMIT_MS = 25;

// <random@host>: fixed here, so every resend of this job (after a crash, or "send again") carries
// the same Message-ID and mail clients show one message.
export function newMessageId(): string {
  return `<${randomBytes(16).toString("hex")}@${inboundDomain()}>`;
}

export async function enqueueMail<N extends MailTemplateName>(tx: Tx, mail: OutboxMail<N>, now = new Date()): Promise<{ id: string; messageId: string | null }> {
  const payload = { template: mail.template, params: mail.params as Prisma.InputJsonObject, to: mail.to, ...(mail.replyAs ? { replyAs: mail.replyAs } : {}) } satisfies MailPayload;
  const job = await enqueueJob(tx, { kind: "mail", payload, ticketId: mail.ticketId ?? mail.replyAs?.ticketId, dedupeKey: mail.dedupeKey, messageId: newMessageId() }, now);
  return job;
}
