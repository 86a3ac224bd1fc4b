import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { jobState, maskEmail } from "@/lib/jobs/policy";
import type { TJobListQuery } from "@/lib/jobs/schemas";

// The newest jobs first, at most this many: the page is for seeing what is stuck, not an archive.
export const JOB_LIST_LIMIT = 200;

// What the list reads of a payload: the template and the recipient, masked. Other kinds (webhooks,
// notes: issue 13) have neither.
const ZShown = z.object({ template: z.string().optional(), to: z.object({ email: z.string() }).optional() });

// The outbox as the admin page shows it. Recipients are masked; parameters (ids, never text) and
// Message-IDs are not shown. "Retrying" is a queued job that has failed at least once.
export async function listJobs(query: TJobListQuery, now = new Date()) {
  const jobs = await db().job.findMany({
    where: query.status ? { status: query.status } : {},
    orderBy: { createdAt: "desc" },
    take: JOB_LIST_LIMIT,
    select: { id: true, kind: true, payload: true, status: true, attempts: true, maxAttempts: true, runAt: true, leaseUntil: true, lastError: true, createdAt: true, doneAt: true },
  });
  return jobs.map((j) => {
    const shown = ZShown.safeParse(j.payload);
    const state = jobState(j, now);
    return {
      id: j.id,
      kind: j.kind,
      template: shown.success ? (shown.data.template ?? null) : null,
      recipient: shown.success && shown.data.to ? maskEmail(shown.data.to.email) : null,
      state,
      attempts: j.attempts,
      maxAttempts: j.maxAttempts,
      nextTryAt: state === "queued" ? j.runAt : null,
      lastError: j.lastError,
      createdAt: j.createdAt,
      sentAt: j.status === "done" ? j.doneAt : null,
      // Dead, or queued after a failure (waiting for its next try): an admin may send it now.
      mayResend: j.status === "dead" || (state === "queued" && j.attempts > 0),
    };
  });
}
