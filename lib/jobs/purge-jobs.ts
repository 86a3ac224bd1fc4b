import "server-only";
import { db, type Tx } from "@/lib/db/client";

const DAY_MS = 24 * 3600_000;
// A sent job is kept a week (the admin's outbox page shows recent deliveries); a dead one a month,
// for an admin to see it and send it again. Payloads name rows and recipients: no longer than that.
export const DONE_JOB_RETENTION_DAYS = 7;
export const DEAD_JOB_RETENTION_DAYS = 30;

export async function purgeFinishedJobs(now: Date): Promise<number> {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const { count } = await db().job.deleteMany({
    where: { OR: [{ status: "done", doneAt: { lt: before(DONE_JOB_RETENTION_DAYS) } }, { status: "dead", createdAt: { lt: before(DEAD_JOB_RETENTION_DAYS) } }] },
  });
  return count;
}

// A ticket deleted or erased takes its jobs with it, sent or not: a payload can name its messages,
// and an email still queued about it must not leave.
export async function deleteTicketJobs(client: Tx, ticketIds: string[]): Promise<number> {
  if (ticketIds.length === 0) return 0;
  return (await client.job.deleteMany({ where: { ticketId: { in: ticketIds } } })).count;
}
