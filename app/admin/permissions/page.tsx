import type { Metadata } from "next";
import { PERMISSIONS, ROLE_PERMISSIONS, ROLES, type Permission } from "@/lib/auth/policy";
import { requireAdminArea } from "../guard";

export const metadata: Metadata = { title: "Permissions" };

// Read-only, generated from lib/auth/policy.ts: the table is the policy the server enforces.
export default async function PermissionsPage() {
  await requireAdminArea("/admin/permissions");
  const permissions = Object.entries(PERMISSIONS) as [Permission, string][];
  return (
    <section className="panel">
      <h1>Permissions</h1>
      <p className="muted">
        What each role may do, read from the one policy the server enforces (deny by default). Every account is a customer; staff roles are granted
        on the Users page, for every site or for one, and reviewed periodically.
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Permission</th>
              {ROLES.map((r) => <th key={r} scope="col">{r}</th>)}
            </tr>
          </thead>
          <tbody>
            {permissions.map(([p, description]) => (
              <tr key={p}>
                <th scope="row"><code>{p}</code><div className="hint">{description}</div></th>
                {ROLES.map((r) => (
                  <td key={r}>{ROLE_PERMISSIONS[r].includes(p) ? <span className="ok" aria-label="allowed">✓ yes</span> : <span className="muted" aria-label="not allowed">—</span>}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
