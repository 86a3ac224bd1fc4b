import type { ReactNode } from "react";
import { currentActor } from "@/lib/auth/actor";
import { can, type Permission } from "@/lib/auth/policy";
import { AdminNav, type NavLink } from "./admin-nav";
import { ADMIN_AREA_PERMISSIONS } from "./guard";
import "./admin.css";

const LINKS: { href: string; label: string; permission: Permission | "any" }[] = [
  { href: "/admin", label: "Overview", permission: "any" },
  { href: "/admin/users", label: "Users", permission: "user:manage" },
  { href: "/admin/access-review", label: "Access review", permission: "user:manage" },
  { href: "/admin/sites", label: "Sites", permission: "site:configure" },
  { href: "/admin/audit", label: "Audit log", permission: "audit:read" },
  { href: "/admin/retention", label: "Retention", permission: "retention:read" },
  { href: "/admin/rights", label: "Rights requests", permission: "privacy:rights" },
  { href: "/admin/outbox", label: "Outbox", permission: "outbox:manage" },
  { href: "/admin/permissions", label: "Permissions", permission: "any" },
];

// Each page checks its own permission; the navigation only shows what the viewer may open.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  const inArea = ADMIN_AREA_PERMISSIONS.some((p) => can(actor, p));
  const links: NavLink[] = inArea ? LINKS.filter((l) => l.permission === "any" || can(actor, l.permission)).map(({ href, label }) => ({ href, label })) : [];
  return (
    <>
      {links.length > 0 && <AdminNav links={links} />}
      {children}
    </>
  );
}
