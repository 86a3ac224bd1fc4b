import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/policy";
import { env } from "@/lib/config/env";
import { retentionOverview, type RetentionOverview } from "@/lib/retention/overview";
import { UNTRIGGERED_RETENTION_MINUTES } from "@/lib/retention/policy";
import { DELETION_LAG_TARGET_MS } from "@/lib/retention/rules";
import { formatDateTime } from "@/lib/ui/format";
import { Countdown } from "@/app/_components/countdown";

export const metadata: Metadata = { title: "Retention" };

const LAG_MINUTES = DELETION_LAG_TARGET_MS / 60_000;

const REASON_LABEL: Record<string, string> = {
  retention: "retention period over",
  "ticket-closed": "ticket closed",
  untriggered: `never triggered (kept ${UNTRIGGERED_RETENTION_MINUTES} min)`,
  customer: "deleted by the customer",
  "consent-withdrawn": "consent withdrawn",
  "account-deleted": "customer deleted their account",
  "erasure-request": "erased on a rights request",
};

export default async function RetentionPage() {
  const actor = await requirePagePermission("retention:read", "/admin/retention");
  const now = new Date();
  const overview = await retentionOverview(actor, now);
  const interval = env().SWEEPER_INTERVAL_SECONDS;
  return (
    <>
      <section className="panel">
        <h1>Retention</h1>
        <p>
          Recordings are deleted a few hours after the session ends (each site sets its retention), {UNTRIGGERED_RETENTION_MINUTES} minutes after the
          end when nothing triggered them, and when their ticket closes. The sweeper deletes what is due about every{" "}
          {interval} seconds; each deletion destroys the recording&apos;s key and leaves a receipt without personal data.
        </p>
        <Status overview={overview} />
      </section>
      <LastRun run={overview.lastRun} now={now} interval={interval} />
      <NextDeletions next={overview.next} ticketLinks={can(actor, "ticket:read")} />
      <LastDay rows={overview.deletedLastDay} />
    </>
  );
}

function Status({ overview }: { overview: RetentionOverview }) {
  const late = overview.overdue > 0;
  return (
    <table>
      <tbody>
        <tr>
          <th scope="row">Overdue deletions</th>
          <td>
            <strong data-testid="overdue-count" style={{ color: late ? "var(--danger)" : "var(--ok)" }}>{overview.overdue}</strong>{" "}
            <span className="muted">
              {late ? `recordings are more than ${LAG_MINUTES} minutes past their deletion time: check that a sweeper is running.` : `should read 0: every deletion is done within ${LAG_MINUTES} minutes of its time.`}
            </span>
          </td>
        </tr>
        <tr><th scope="row">Due now</th><td>{overview.dueNow} <span className="muted">(deleted by the next sweep)</span></td></tr>
        <tr><th scope="row">Recordings stored</th><td>{overview.stored}</td></tr>
      </tbody>
    </table>
  );
}

function LastRun({ run, now, interval }: { run: RetentionOverview["lastRun"]; now: Date; interval: number }) {
  if (!run) {
    return (
      <section className="panel" aria-labelledby="last-run">
        <h2 id="last-run">Last sweeper run</h2>
        <p className="muted">
          The sweeper has not run yet. It starts with the app (every {interval} s) unless REPLAYDESK_SWEEPER=off, in which
          case run <code>npm run worker</code>.
        </p>
      </section>
    );
  }
  const ageSeconds = Math.round((now.getTime() - new Date(run.startedAt).getTime()) / 1000);
  const stale = ageSeconds > Math.max(3 * interval, 300);
  return (
    <section className="panel" aria-labelledby="last-run">
      <h2 id="last-run">Last sweeper run</h2>
      {stale && (
        <p className="notice error" role="alert">
          No sweeper has run for {Math.round(ageSeconds / 60)} minutes: deletions are not happening. Start the app, or{" "}
          <code>npm run worker</code> where the in-app sweeper is off.
        </p>
      )}
      <table>
        <tbody>
          <tr><th scope="row">Result</th><td><strong data-testid="last-run-result" style={{ color: run.result === "error" ? "var(--danger)" : run.result === "ok" ? "var(--ok)" : undefined }}>{run.result}</strong>{run.message ? ` — ${run.message}` : ""}</td></tr>
          <tr><th scope="row">Started</th><td>{formatDateTime(run.startedAt)}</td></tr>
          <tr><th scope="row">Finished</th><td>{run.finishedAt ? formatDateTime(run.finishedAt) : "not yet"}</td></tr>
          <tr><th scope="row">Deleted / roles suspended</th><td>{run.deleted} / {run.suspended}</td></tr>
          <tr><th scope="row">Sweeper</th><td><code>{run.worker}</code></td></tr>
        </tbody>
      </table>
    </section>
  );
}

function NextDeletions({ next, ticketLinks }: { next: RetentionOverview["next"]; ticketLinks: boolean }) {
  return (
    <section className="panel" aria-labelledby="next-deletions">
      <h2 id="next-deletions">Next deletions</h2>
      {next.length === 0 ? (
        <p className="muted">
          No recording is waiting for deletion: nothing is stored right now. Recordings appear here once a customer&apos;s
          session is triggered (for example when they open a ticket), with the time left before they are deleted.
        </p>
      ) : (
        <table>
          <thead>
            <tr><th scope="col">Deleted</th><th scope="col">At</th><th scope="col">Site</th><th scope="col">Why</th><th scope="col">Ticket</th></tr>
          </thead>
          <tbody>
            {next.map((r) => (
              <tr key={r.id} data-testid="next-deletion">
                <td><Countdown until={r.deleteAfter} /></td>
                <td>{formatDateTime(r.deleteAfter)}</td>
                <td>{r.site}</td>
                <td>{REASON_LABEL[r.reason] ?? r.reason}</td>
                <td>{!r.ticketId ? <span className="muted">none</span> : ticketLinks ? <Link href={`/desk/tickets/${r.ticketId}`}>open</Link> : "linked"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function LastDay({ rows }: { rows: RetentionOverview["deletedLastDay"] }) {
  const total = rows.reduce((n, r) => n + r.count, 0);
  return (
    <section className="panel" aria-labelledby="last-day">
      <h2 id="last-day">Deleted in the last 24 hours</h2>
      {rows.length === 0 ? (
        <p className="muted">No recording was deleted in the last 24 hours. Each deletion leaves a receipt (hashed id, site, reason, times) that is counted here.</p>
      ) : (
        <table>
          <thead>
            <tr><th scope="col">Reason</th><th scope="col">Recordings</th></tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.reason}><td>{REASON_LABEL[r.reason] ?? r.reason}</td><td>{r.count}</td></tr>
            ))}
            <tr><th scope="row">Total</th><td><strong>{total}</strong></td></tr>
          </tbody>
        </table>
      )}
    </section>
  );
}
