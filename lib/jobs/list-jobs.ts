import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { jobState, maskEmail } from "@/lib/jobs/policy";
import type { TJobListQuery } from "@/lib/jobs/schemas";

// The newest jobs first, at most this many: the page is for seeing what is stuck, not an archive.
export const JOB_LIST_LIMIT = 200;

// What the list reads of a payload: a mail's template and recipient (masked); a webhook's event
// type and endpoint (shown by its host). Notes (issue 13) have neither.
const ZShown = z.object({ template: z.string().optional(), to: z.object({ email: z.string() }).optional(), endpointId: z.string().optional(), event: z.object({ type: z.string() }).optional() });

// The outbox as the admin page shows it. Recipients are masked; parameters (ids, never text) and
// Message-IDs are not shown. "Retrying" is a queued job that has failed at least once.
export async function listJobs(query: TJobListQuery, now = new Date()) {
  const jobs = await db().job.findMany({
    where: query.status ? { status: query.status } : {},
    orderBy: { createdAt: "desc" },
    take: JOB_LIST_LIMIT,
    select: { id: true, kind: true, payload: true, status: true, attempts: true, maxAttempts: true, runAt: true, leaseUntil: true, lastError: true, createdAt: true, doneAt: true },
  });
  const shown = new Map(jobs.map((j) => [j.id, ZShown.safeParse(j.payload).data]));
  const endpointIds = [...new Set([...shown.values()].flatMap((p) => (p?.endpointId ? [p.endpointId] : [])))];
  const endpoints = await db().webhookEndpoint.findMany({ where: { id: { in: endpointIds } }, select: { id: true, url: true } });
  const hostOf = new Map(endpoints.map((e) => [e.id, new URL(e.url).host]));
  return jobs.map((j) => {
    const p = shown.get(j.id);
    const state = jobState(j, now);
    return {
      id: j.id,
      kind: j.kind,
      template: p?.template ?? p?.event?.type ?? null,
      recipient: p?.to ? maskEmail(p.to.email) : p?.endpointId ? (hostOf.get(p.endpointId) ?? "endpoint removed") : null,
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
