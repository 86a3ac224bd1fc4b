import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/auth/policy";
import { scopeFor } from "@/lib/auth/scope";
import { listSitesFor } from "@/lib/sites/admin-sites";
import { REVIEW_SOON_DAYS } from "@/lib/users/review-policy";
import { grantsForReview } from "@/lib/users/review";
import { listStaff } from "@/lib/users/staff-list";
import { requireAdminArea } from "./guard";

export const metadata: Metadata = { title: "Administration" };

export default async function AdminOverviewPage() {
  const actor = await requireAdminArea("/admin");
  const users = can(actor, "user:manage");
  const sites = can(actor, "site:configure") ? await listSitesFor(actor) : null;
  const [staff, review] = users
    ? await Promise.all([listStaff(scopeFor(actor, "user:manage")).then((s) => s.staff.length), grantsForReview(scopeFor(actor, "user:manage"))])
    : [0, []];
  const dueSoon = review.filter((g) => !g.suspendedAt).length;
  const suspended = review.length - dueSoon;
  return (
    <>
      <section className="panel">
        <h1>Administration</h1>
        <p className="muted">
          Roles with periodic review, each site&apos;s privacy settings, the audit log and the compliance record a data protection officer can hand over.
        </p>
      </section>
      {users && (
        <section className="panel" aria-labelledby="people">
          <h2 id="people">People and access</h2>
          <div className="stats">
            <div className="stat"><strong>{staff}</strong> staff accounts</div>
            <div className="stat"><strong className={dueSoon ? "warn" : undefined}>{dueSoon}</strong> grants due for review within {REVIEW_SOON_DAYS} days</div>
            <div className="stat"><strong className={suspended ? "shortfall" : undefined}>{suspended}</strong> suspended grants</div>
          </div>
          <p className="row">
            <Link className="button" href="/admin/users">Invite and manage staff</Link>
            <Link className="button secondary" href="/admin/access-review">Review access</Link>
          </p>
        </section>
      )}
      {sites && (
        <section className="panel" aria-labelledby="sites">
          <h2 id="sites">Sites</h2>
          {sites.length === 0 ? (
            <p role="status">No site yet. <Link href="/admin/sites">Create the first one</Link> to get the snippet for its pages.</p>
          ) : (
            <ul>
              {sites.map((s) => (
                <li key={s.id}>
                  <Link href={`/admin/sites/${s.id}`}>{s.name}</Link>{" "}
                  {s.shortfalls ? <span className="tag bad">{s.shortfalls} shortfall{s.shortfalls > 1 ? "s" : ""}</span> : <span className="tag ok">as recommended</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <section className="panel" aria-labelledby="more">
        <h2 id="more">Records</h2>
        <ul>
          {can(actor, "audit:read") && <li><Link href="/admin/audit">Audit log</Link>: every change and access, with its integrity check and CSV export.</li>}
          {can(actor, "retention:read") && <li><Link href="/admin/retention">Retention</Link>: the deletion schedule and the sweeper&apos;s state.</li>}
          {can(actor, "outbox:manage") && <li><Link href="/admin/outbox">Outbox</Link>: the emails queued, sent and undeliverable, and sending a failed one again.</li>}
          <li><Link href="/admin/permissions">Permissions</Link>: what each role may do.</li>
        </ul>
      </section>
    </>
  );
}
