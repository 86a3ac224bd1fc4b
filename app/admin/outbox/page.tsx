import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { coversAllSites } from "@/lib/auth/scope";
import { env } from "@/lib/config/env";
import { JOB_LIST_LIMIT, listJobs } from "@/lib/jobs/list-jobs";
import { JOB_FILTERS, ZJobListQuery } from "@/lib/jobs/schemas";
import { DEAD_JOB_RETENTION_DAYS, DONE_JOB_RETENTION_DAYS } from "@/lib/jobs/purge-jobs";
import { ResendButton } from "./resend-button";

export const metadata: Metadata = { title: "Outbox" };

const time = (d: Date | null) => (d ? d.toISOString().slice(0, 19).replace("T", " ") : "—");
const STATE_TAG = { queued: "", sending: "", done: "ok", dead: "bad" } as const;
const FILTER_LABEL = { all: "All", queued: "Queued", dead: "Dead", done: "Sent" } as const;

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("outbox:manage", "/admin/outbox");
  // Jobs are about every site (and about none: invitations, access reviews).
  if (!coversAllSites(actor, "outbox:manage")) forbidden();
  const parsed = ZJobListQuery.safeParse(await searchParams);
  const status = parsed.success ? parsed.data.status : undefined;
  const jobs = await listJobs({ status });
  const config = env();
  return (
    <>
      <section className="panel">
        <h1>Outbox</h1>
        <p className="muted">
          Every email but the sign-in links is queued here with the change it reports and sent by the delivery loop (in the app
          {config.REPLAYDESK_JOBS === "off" ? ": off here, so `npm run worker` sends them" : ", and in any `npm run worker`"}). A failed send is
          tried again after {Math.round(config.JOB_BACKOFF_BASE_MS / 1000)} s, then twice as long each time; after {config.JOB_MAX_ATTEMPTS} attempts
          the job is dead until someone sends it again. Sent jobs are kept {DONE_JOB_RETENTION_DAYS} days, dead ones {DEAD_JOB_RETENTION_DAYS}.
          Recipients are masked; the texts are rendered only when sent.
        </p>
        <nav className="row" aria-label="Filter jobs">
          {(["all", ...JOB_FILTERS] as const).map((f) => {
            const current = (status ?? "all") === f;
            return (
              <Link key={f} href={f === "all" ? "/admin/outbox" : `/admin/outbox?status=${f}`} aria-current={current ? "page" : undefined} className={current ? "tag" : undefined}>
                {FILTER_LABEL[f]}
              </Link>
            );
          })}
        </nav>
      </section>
      <section className="panel" aria-labelledby="jobs">
        <h2 id="jobs">{FILTER_LABEL[status ?? "all"]} jobs{jobs.length === JOB_LIST_LIMIT ? ` (the newest ${JOB_LIST_LIMIT})` : ""}</h2>
        {jobs.length === 0 ? (
          <p role="status">{status ? `No ${FILTER_LABEL[status].toLowerCase()} job.` : "The outbox is empty: no email was queued recently."}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr><th scope="col">Email</th><th scope="col">To</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col">Next try</th><th scope="col">Last error</th><th scope="col">Sent</th><th scope="col">Action</th></tr>
              </thead>
              <tbody>
                {jobs.map((j) => (
                  <tr key={j.id} data-testid={`job-${j.id}`}>
                    <td>{j.template ?? j.kind}<div className="hint">queued {time(j.createdAt)}</div></td>
                    <td>{j.recipient ?? "—"}</td>
                    <td><span className={`tag ${STATE_TAG[j.state]}`}>{j.state === "done" ? "sent" : j.state}</span></td>
                    <td>{j.attempts} / {j.maxAttempts}</td>
                    <td>{time(j.nextTryAt)}</td>
                    <td>{j.lastError ?? "—"}</td>
                    <td>{time(j.sentAt)}</td>
                    <td>{j.mayResend && <ResendButton jobId={j.id} what={`${j.template ?? j.kind} to ${j.recipient ?? "nobody"}`} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
