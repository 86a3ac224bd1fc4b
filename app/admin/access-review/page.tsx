import type { Metadata } from "next";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { scopeFor } from "@/lib/auth/scope";
import { GRANT_REVIEW_DAYS } from "@/lib/auth/policy";
import { grantsForReview } from "@/lib/users/review";
import { REVIEW_GRACE_DAYS, REVIEW_SOON_DAYS } from "@/lib/users/review-policy";
import { ReviewActions } from "./review-actions";

export const metadata: Metadata = { title: "Access review" };

const day = (d: Date) => d.toISOString().slice(0, 10);

export default async function AccessReviewPage() {
  const actor = await requirePagePermission("user:manage", "/admin/access-review");
  const grants = await grantsForReview(scopeFor(actor, "user:manage"));
  const suspended = grants.filter((g) => g.suspendedAt);
  const due = grants.filter((g) => !g.suspendedAt);
  const rows = (list: typeof grants) => (
    <div className="table-wrap">
      <table>
        <thead>
          <tr><th scope="col">Account</th><th scope="col">Role</th><th scope="col">Granted</th><th scope="col">Review due</th><th scope="col">Decision</th></tr>
        </thead>
        <tbody>
          {list.map((g) => (
            <tr key={g.id} data-testid={`grant-${g.email}-${g.role}`}>
              <td>{g.email}{g.deactivated && <> <span className="tag bad">deactivated</span></>}</td>
              <td><span className="tag">{g.role}</span> {g.site ? `on ${g.site}` : "every site"}</td>
              <td>{day(g.grantedAt)} by {g.grantedBy ?? "the CLI"}{g.lastReviewedAt && <div className="hint">last reviewed {day(g.lastReviewedAt)}</div>}</td>
              <td>
                <span className={g.overdue ? "shortfall" : undefined}>{day(g.reviewDueAt)}{g.overdue ? " (overdue)" : ""}</span>
                {g.suspendedAt && <div><span className="tag bad">suspended {day(g.suspendedAt)}</span></div>}
                {g.expiresAt && <div className="hint">ends {day(g.expiresAt)}</div>}
              </td>
              <td><ReviewActions grantId={g.id} who={`${g.role} of ${g.email}`} own={g.email === actor.email} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <>
      <section className="panel">
        <h1>Access review</h1>
        <p className="muted">
          S2: each role grant is confirmed or revoked every {GRANT_REVIEW_DAYS} days. Grants due within {REVIEW_SOON_DAYS} days or overdue are listed here;
          a grant still unreviewed {REVIEW_GRACE_DAYS} days after its due date is suspended automatically (it stops counting until confirmed), and
          admins are emailed a summary. Confirming sets the next review {GRANT_REVIEW_DAYS} days from today.
        </p>
      </section>
      <section className="panel" aria-labelledby="suspended">
        <h2 id="suspended">Suspended grants</h2>
        {suspended.length === 0 ? <p role="status">No suspended grant.</p> : rows(suspended)}
      </section>
      <section className="panel" aria-labelledby="due">
        <h2 id="due">Due for review</h2>
        {due.length === 0 ? <p role="status">Nothing to review in the next {REVIEW_SOON_DAYS} days.</p> : rows(due)}
      </section>
    </>
  );
}
