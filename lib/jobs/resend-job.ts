import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { appendAudit } from "@/lib/audit/append";
import { auditActor, type ScopedActor } from "@/lib/auth/scope";
import { wakeJobLoops } from "@/lib/jobs/wake";

// "Send again": a dead job, or one waiting for its next try, is due now with its attempts reset
// (and the same Message-ID). A job being sent or already sent is left alone.
export async function resendJob(actor: ScopedActor, jobId: string, now = new Date()) {
  const job = await db().job.findUnique({ where: { id: jobId }, select: { id: true, status: true, attempts: true, kind: true } });
  if (!job) throw new AppError("not_found", "No such job.");
  const resendable = { id: jobId, OR: [{ status: "dead" as const }, { status: "queued" as const, attempts: { gt: 0 }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] }] };
  const updated = await db().$transaction(async (tx) => {
    const { count } = await tx.job.updateMany({ where: resendable, data: { status: "queued", attempts: 0, runAt: now, leaseUntil: null, leasedBy: null } });
    if (count === 0) return false;
    await appendAudit({ actor: auditActor(actor), action: "job.resend", target: { type: "job", id: jobId }, details: { kind: job.kind, was: job.status, attempts: job.attempts }, at: now }, tx);
    return true;
  });
  if (!updated) throw new AppError("conflict", job.status === "done" ? "This job was already delivered." : "This job is being sent or has not failed yet; nothing to send again.");
  wakeJobLoops();
  return { id: jobId, status: "queued" as const };
}
