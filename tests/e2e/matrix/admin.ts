import { onlyFor, type Entry } from "./types";

// The admin area. Pages: sign-in redirect (307) when signed out, 403 without the permission. The
// overview and the permission table open to any admin-area permission (supervisors hold
// retention:read). Writes are harmless: an unknown id (404) or an invalid body (400) for the admin.
const page = (path: string, roles: ("supervisor" | "admin")[] = ["admin"]): Entry => ({ path, expect: onlyFor(roles, 200, 307) });
const NO_SITE = "/api/v1/admin/sites/no-such-site";

export const adminRoutes: Record<string, Entry> = {
  "GET /admin": page("/admin", ["supervisor", "admin"]),
  "GET /admin/permissions": page("/admin/permissions", ["supervisor", "admin"]),
  "GET /admin/users": page("/admin/users"),
  "GET /admin/access-review": page("/admin/access-review"),
  "GET /admin/sites": page("/admin/sites"),
  // An unknown site is a 404 page for the admin, refused before the lookup for the others.
  "GET /admin/sites/[id]": { path: "/admin/sites/no-such-site", expect: onlyFor(["admin"], 404, 307) },
  "GET /admin/sites/[id]/consent": { path: "/admin/sites/no-such-site/consent", expect: onlyFor(["admin"], 404, 307) },
  "GET /admin/sites/[id]/compliance": { path: "/admin/sites/no-such-site/compliance", expect: onlyFor(["admin"], 404, 307) },
  "GET /admin/audit": page("/admin/audit"),
  "GET /admin/rights": page("/admin/rights"),
  "GET /admin/outbox": page("/admin/outbox"),

  "POST /api/v1/admin/users": { path: "/api/v1/admin/users", expect: onlyFor(["admin"], 400), json: {} },
  "PATCH /api/v1/admin/users/[id]": { path: "/api/v1/admin/users/no-such-user", expect: onlyFor(["admin"], 400), json: {} },
  "POST /api/v1/admin/grants/[id]/review": { path: "/api/v1/admin/grants/no-such-grant/review", expect: onlyFor(["admin"], 404) },
  "DELETE /api/v1/admin/grants/[id]": { path: "/api/v1/admin/grants/no-such-grant", expect: onlyFor(["admin"], 404) },
  "POST /api/v1/admin/sites": { path: "/api/v1/admin/sites", expect: onlyFor(["admin"], 400), json: {} },
  "PATCH /api/v1/admin/sites/[id]": { path: NO_SITE, expect: onlyFor(["admin"], 404), json: {} },
  "POST /api/v1/admin/sites/[id]/vault-key": { path: `${NO_SITE}/vault-key`, expect: onlyFor(["admin"], 404) },
  "POST /api/v1/admin/sites/[id]/pseudonym-secret": { path: `${NO_SITE}/pseudonym-secret`, expect: onlyFor(["admin"], 404) },
  "GET /api/v1/admin/sites/[id]/storage-limits": { path: `${NO_SITE}/storage-limits`, expect: onlyFor(["admin"], 404) },
  "PATCH /api/v1/admin/sites/[id]/storage-limits": { path: `${NO_SITE}/storage-limits`, expect: onlyFor(["admin"], 404), json: {} },
  "GET /api/v1/admin/sites/[id]/consent.csv": { path: `${NO_SITE}/consent.csv`, expect: onlyFor(["admin"], 404) },
  "POST /api/v1/admin/sites/[id]/api-tokens": { path: `${NO_SITE}/api-tokens`, expect: onlyFor(["admin"], 400), json: {} },
  "DELETE /api/v1/admin/sites/[id]/api-tokens/[tokenId]": { path: `${NO_SITE}/api-tokens/no-such-token`, expect: onlyFor(["admin"], 404) },
  // Outbound webhooks (webhooks:manage): an empty body is a 400 for the admin, an unknown site a 404.
  "GET /api/v1/admin/sites/[id]/webhooks": { path: `${NO_SITE}/webhooks`, expect: onlyFor(["admin"], 404) },
  "POST /api/v1/admin/sites/[id]/webhooks": { path: `${NO_SITE}/webhooks`, expect: onlyFor(["admin"], 400), json: {} },
  "POST /api/v1/admin/sites/[id]/webhooks/[webhookId]/disable": { path: `${NO_SITE}/webhooks/no-such-hook/disable`, expect: onlyFor(["admin"], 404) },
  "POST /api/v1/admin/sites/[id]/webhooks/[webhookId]/secret": { path: `${NO_SITE}/webhooks/no-such-hook/secret`, expect: onlyFor(["admin"], 404) },
  // Helpdesk connections (helpdesk:manage): the same shape.
  "GET /api/v1/admin/sites/[id]/helpdesk-connections": { path: `${NO_SITE}/helpdesk-connections`, expect: onlyFor(["admin"], 404) },
  "POST /api/v1/admin/sites/[id]/helpdesk-connections": { path: `${NO_SITE}/helpdesk-connections`, expect: onlyFor(["admin"], 400), json: {} },
  "POST /api/v1/admin/sites/[id]/helpdesk-connections/[connectionId]/secret": { path: `${NO_SITE}/helpdesk-connections/no-such-connection/secret`, expect: onlyFor(["admin"], 404) },
  "POST /api/v1/admin/sites/[id]/helpdesk-connections/[connectionId]/disconnect": { path: `${NO_SITE}/helpdesk-connections/no-such-connection/disconnect`, expect: onlyFor(["admin"], 404) },
  "GET /api/v1/admin/sites/[id]/compliance.json": { path: `${NO_SITE}/compliance.json`, expect: onlyFor(["admin"], 404) },
  "GET /api/v1/admin/audit.csv": { path: "/api/v1/admin/audit.csv", expect: onlyFor(["admin"], 200) },
  // Rights requests (privacy:rights): an empty body is a 400 for the admin, before any lookup.
  "POST /api/v1/admin/rights/search": { path: "/api/v1/admin/rights/search", expect: onlyFor(["admin"], 400), json: {} },
  "POST /api/v1/admin/rights/export": { path: "/api/v1/admin/rights/export", expect: onlyFor(["admin"], 400), json: {} },
  "POST /api/v1/admin/rights/erase": { path: "/api/v1/admin/rights/erase", expect: onlyFor(["admin"], 400), json: {} },
  // The outbox (outbox:manage): a bad filter is a 400 for the admin, an unknown job a 404.
  "GET /api/v1/admin/jobs": { path: "/api/v1/admin/jobs?status=sent", expect: onlyFor(["admin"], 400) },
  "POST /api/v1/admin/jobs/[id]/resend": { path: "/api/v1/admin/jobs/no-such-job/resend", expect: onlyFor(["admin"], 404) },
};
