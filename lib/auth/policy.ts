// The one permission policy: roles map to named permissions, deny by default. Pure (no I/O) so
// the server, the admin UI's read-only table and the tests share it.

export const ROLES = ["customer", "agent", "supervisor", "admin", "privacy-officer"] as const;
export type Role = (typeof ROLES)[number];
// Roles an admin grants ("customer" is every account's).
export const STAFF_ROLES: readonly Role[] = ["agent", "supervisor", "admin", "privacy-officer"];

export const PERMISSIONS = {
  "ticket:create": "Open a support ticket",
  "ticket:read-own": "Read and reply to one's own tickets, see and delete one's own recordings",
  "ticket:read": "Read the tickets of the support queue and the metadata of linked recordings",
  "ticket:reply": "Reply to, assign and change the status of queue tickets",
  "replay:request": "Ask a customer to approve viewing a recording",
  "replay:view": "Watch a recording the customer approved, within the approval window",
  "unmask:approve": "Validate internally a request to view unmasked content (M1)",
  "unmask:custody": "Hold the secret that opens a site's M2 vault key: enrol it, then accept or refuse each M2 unmasking",
  "site:configure": "Create sites and change their privacy settings",
  "user:manage": "Invite staff, grant, review and revoke roles",
  "audit:read": "Read and export the audit log and compliance records",
  "retention:read": "See the deletion schedule and the sweeper's state",
  "account:manage-own": "Export or delete one's own account and data",
  "privacy:rights": "Find a person's data by email or pseudonym, export or erase it (rights requests received by other channels)",
  "outbox:manage": "See the outbox (queued, sent and undeliverable emails, recipients masked) and send a failed one again",
  "webhooks:manage": "Add, disable and rotate the secret of a site's outbound webhook endpoints",
  "helpdesk:manage": "Connect a site's helpdesks (inbound webhook secrets, panel framing origins, API tokens for internal notes), rotate their secrets, disconnect them",
} as const;
export type Permission = keyof typeof PERMISSIONS;

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  customer: ["ticket:create", "ticket:read-own", "account:manage-own"],
  agent: ["ticket:read", "ticket:reply", "replay:request", "replay:view"],
  supervisor: ["ticket:read", "ticket:reply", "replay:request", "replay:view", "unmask:approve", "retention:read"],
  admin: ["site:configure", "user:manage", "audit:read", "retention:read", "privacy:rights", "outbox:manage", "webhooks:manage", "helpdesk:manage"],
  // The M2 key custodian: custody, and the rights requests a DPO handles; no replay. Never agent,
  // supervisor or admin on the same site (lib/users/grants.ts), so they never ask for or watch
  // what they unseal.
  "privacy-officer": ["unmask:custody", "privacy:rights"],
};

// The key custodian stands outside the publisher's support and administration: on one site a
// person is privacy officer or staff, never both. The roles that may not be held with `role` on
// the same site (a grant covering every site overlaps each one).
const OUTSIDE_CUSTODY: readonly Role[] = ["agent", "supervisor", "admin"];
export function rolesExcludedWith(role: Role): readonly Role[] {
  if (role === "privacy-officer") return OUTSIDE_CUSTODY;
  return OUTSIDE_CUSTODY.includes(role) ? ["privacy-officer"] : [];
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r]));
}

export function can(actor: { permissions: ReadonlySet<Permission> } | null, permission: Permission): boolean {
  return actor !== null && actor.permissions.has(permission);
}

// A grant counts only while it is neither revoked, suspended (overdue review) nor expired.
export type GrantState = { revokedAt: Date | null; suspendedAt: Date | null; expiresAt: Date | null };

export function isGrantActive(grant: GrantState, now: Date): boolean {
  return grant.revokedAt === null && grant.suspendedAt === null && (grant.expiresAt === null || grant.expiresAt > now);
}

export const GRANT_REVIEW_DAYS = 90;
