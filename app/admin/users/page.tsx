import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { scopeFor } from "@/lib/auth/scope";
import { GRANT_REVIEW_DAYS } from "@/lib/auth/policy";
import { listSitesFor } from "@/lib/sites/admin-sites";
import { listStaff } from "@/lib/users/staff-list";
import { InviteForm } from "./invite-form";
import { RevokeGrantButton, UserActiveButton } from "./user-actions";

export const metadata: Metadata = { title: "Users" };

const day = (d: Date) => d.toISOString().slice(0, 10);

export default async function UsersPage() {
  const actor = await requirePagePermission("user:manage", "/admin/users");
  const [{ staff, customers }, sites] = await Promise.all([listStaff(scopeFor(actor, "user:manage")), listSitesFor(actor)]);
  return (
    <>
      <section className="panel" aria-labelledby="invite">
        <h1>Users and roles</h1>
        <p className="muted">
          Staff get a role for every site or for one site, optionally until a date. Every grant records who gave it and is reviewed every {GRANT_REVIEW_DAYS} days
          on the <Link href="/admin/access-review">access review</Link> page; an overdue grant is suspended automatically.
        </p>
        <h2 id="invite">Invite a staff member</h2>
        <InviteForm sites={sites.map((s) => ({ id: s.id, name: s.name }))} />
      </section>
      <section className="panel" aria-labelledby="staff">
        <h2 id="staff">Staff</h2>
        {staff.length === 0 ? (
          <p role="status">Nobody holds a staff role yet. Invite your first agent above.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr><th scope="col">Account</th><th scope="col">Roles in force</th><th scope="col">Account status</th></tr>
              </thead>
              <tbody>
                {staff.map((u) => (
                  <tr key={u.id} data-testid={`user-${u.email}`}>
                    <td>{u.email}</td>
                    <td>
                      {u.grants.length === 0 && <span className="muted">none (customer only)</span>}
                      <ul className="plain">
                        {u.grants.map((g) => (
                          <li key={g.id} className="row">
                            <span className="tag">{g.role}</span>
                            <span>{g.site ? `on ${g.site}` : "every site"}</span>
                            <span className="muted">review {day(g.reviewDueAt)}{g.expiresAt ? `, ends ${day(g.expiresAt)}` : ""}</span>
                            {g.suspended && <span className="tag bad">suspended</span>}
                            <RevokeGrantButton grantId={g.id} label={`Revoke ${g.role} from ${u.email}`} />
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      {u.deactivated ? <span className="tag bad">deactivated</span> : <span className="tag ok">active</span>}{" "}
                      {u.id !== actor.userId && <UserActiveButton userId={u.id} email={u.email} active={!u.deactivated} />}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="muted">{customers} customer account{customers === 1 ? "" : "s"} without a staff role (not listed).</p>
      </section>
    </>
  );
}
