import type { Metadata } from "next";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { PERMISSIONS, STAFF_ROLES } from "@/lib/auth/policy";
import { AccountActions } from "./account-actions";
import { NotificationSettings } from "./notification-settings";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const actor = await requirePagePermission("account:manage-own", "/account");
  return (
    <>
      <section className="panel">
        <h1>Your account</h1>
        <p>Signed in as <strong data-testid="account-email">{actor.email}</strong>.</p>
        <h2>Roles</h2>
        <p data-testid="account-roles">{actor.roles.map((r) => <span key={r} className="tag">{r}</span>)}</p>
        <h2>What you may do</h2>
        <ul>
          {[...actor.permissions].sort().map((p) => (
            <li key={p}><code>{p}</code> — {PERMISSIONS[p]}</li>
          ))}
        </ul>
      </section>
      {actor.permissions.has("ticket:read") && <NotificationSettings />}
      <AccountActions isStaff={actor.roles.some((r) => STAFF_ROLES.includes(r))} />
    </>
  );
}
