import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";

// Security finding H1: a grant's site scope applies to that grant's permissions only. Accounts
// mixing a one-site grant of one role with an all-sites grant of another (and the reverse) must
// not act beyond each grant's sites, at the route handlers and in the pages' data.

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/auth/actor")>()), currentActor: async () => session.actor }));

const { actorForUser } = await import("@/lib/auth/actor");
const { scopeFor } = await import("@/lib/auth/scope");
const { db } = await import("@/lib/db/client");
const { env } = await import("@/lib/config/env");
const { createSite } = await import("@/lib/sites/create-site");
const { listQueue } = await import("@/lib/tickets/ticket-views");
const { account } = await import("@/tests/support/factories");
const { listStaff } = await import("@/lib/users/staff-list");
const { grantsForReview } = await import("@/lib/users/review");
const { listSitesFor } = await import("@/lib/sites/admin-sites");
const { listPendingValidations } = await import("@/lib/reveal/validate-unmask");
const { queryAudit } = await import("@/lib/audit/query");
const { retentionOverview } = await import("@/lib/retention/overview");
const adminUsers = await import("@/app/api/v1/admin/users/route");
const adminSites = await import("@/app/api/v1/admin/sites/route");
const adminSite = await import("@/app/api/v1/admin/sites/[id]/route");
const adminTokens = await import("@/app/api/v1/admin/sites/[id]/api-tokens/route");

const by = { id: null, label: "site-scope test" };
const suffix = randomBytes(4).toString("hex");
const scopeEmail = (name: string) => `${name}-${suffix}@scope.test`;
type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

async function call(handler: Handler, method: string, as: Actor, opts: { params?: Record<string, string>; json?: unknown } = {}) {
  session.actor = as;
  const origin = new URL(env().APP_URL).origin;
  const req = new Request(`${origin}/api/test`, { method, headers: { origin, "content-type": "application/json" }, body: opts.json === undefined ? undefined : JSON.stringify(opts.json) });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) as Promise<never> });
  return res.status;
}


let siteA: { id: string }, siteB: { id: string };
let pendingOnB: string;
let oneSiteAdminAllSitesAgent: Actor, allSitesAdminOneSiteAgent: Actor, oneSiteSupervisorAllSitesAgent: Actor;

beforeAll(async () => {
  siteA = await createSite({ name: `Scope A ${suffix}`, origins: [`https://scope-a-${suffix}.example`], by });
  siteB = await createSite({ name: `Scope B ${suffix}`, origins: [`https://scope-b-${suffix}.example`], by });
  for (const site of [siteA, siteB]) {
    await db().ticket.create({ data: { siteId: site.id, subject: `Ticket on ${site.id}`, messages: { create: { authorRole: "customer", body: "help" } } } });
  }
  // An M1 unmask request on site B waiting for a supervisor's validation.
  const ticketB = await db().ticket.findFirstOrThrow({ where: { siteId: siteB.id } });
  const recording = await db().recording.create({ data: { siteId: siteB.id, sdkSessionId: `s_scope_${suffix}`, maskingMode: "M1", ticketId: ticketB.id, deleteAfter: new Date(Date.now() + 3600_000) } });
  pendingOnB = (await db().revealRequest.create({ data: { recordingId: recording.id, ticketId: ticketB.id, scope: "unmasked", justification: "to see the typed reference", tokenExpiresAt: new Date(Date.now() + 3600_000) } })).id;
  // Staff on site B only, and on every site.
  await account(scopeEmail("agent-b"), [{ role: "agent", siteId: siteB.id }]);
  oneSiteAdminAllSitesAgent = await account(scopeEmail("mixed-1"), [{ role: "agent", siteId: null }, { role: "admin", siteId: siteA.id }]);
  allSitesAdminOneSiteAgent = await account(scopeEmail("mixed-2"), [{ role: "admin", siteId: null }, { role: "agent", siteId: siteA.id }]);
  oneSiteSupervisorAllSitesAgent = await account(scopeEmail("mixed-3"), [{ role: "agent", siteId: null }, { role: "supervisor", siteId: siteA.id }]);
});

describe("H1: a grant's site scope applies to that grant's permissions only", () => {
  it("an admin of one site who is an agent everywhere cannot invite admins, configure other sites or create their API tokens", async () => {
    const me = oneSiteAdminAllSitesAgent;
    expect(await call(adminUsers.POST as Handler, "POST", me, { json: { email: `new-admin-${suffix}@scope.test`, role: "admin" } })).toBe(403);
    expect(await db().user.count({ where: { email: `new-admin-${suffix}@scope.test` } })).toBe(0);
    expect(await call(adminSites.POST as Handler, "POST", me, { json: { name: "Another", allowedOrigins: ["https://x.example"] } })).toBe(403);
    expect(await call(adminSite.PATCH as Handler, "PATCH", me, { params: { id: siteB.id }, json: { maskingMode: "M1" } })).toBe(404);
    expect(await call(adminTokens.POST as Handler, "POST", me, { params: { id: siteB.id }, json: { name: "steal" } })).toBe(404);
    expect(await db().apiToken.count({ where: { siteId: siteB.id } })).toBe(0);
    // Their own site stays theirs to configure.
    expect(await call(adminTokens.POST as Handler, "POST", me, { params: { id: siteA.id }, json: { name: "mine" } })).toBe(201);
    expect((await listSitesFor(me)).map((s) => s.id)).toEqual([siteA.id]);
  });

  it("an admin of every site who is an agent on one site sees only that site's queue", async () => {
    const sites = new Set((await listQueue(allSitesAdminOneSiteAgent, {})).map((t) => t.site.id));
    expect(sites.has(siteA.id)).toBe(true);
    expect(sites.has(siteB.id)).toBe(false);
  });

  it("a supervisor of one site who is an agent everywhere validates unmasking on that site only, and sees retention and audit of none beyond it", async () => {
    const me = oneSiteSupervisorAllSitesAgent;
    // The queue (ticket:read) covers every site through the agent grant...
    const queue = new Set((await listQueue(me, {})).map((t) => t.site.id));
    expect(queue.has(siteB.id)).toBe(true);
    // ...but unmask validation (supervisor only) is limited to site A: the where clause says so.
    expect((await listPendingValidations(me)).map((p) => p.id)).not.toContain(pendingOnB);
    const overview = await retentionOverview(me, new Date());
    expect(overview.next.every((r) => r.site === `Scope A ${suffix}`)).toBe(true);
  });

  it("the users and access-review pages show a one-site admin only staff of their site", async () => {
    const staff = await listStaff(scopeFor(oneSiteAdminAllSitesAgent, "user:manage"));
    const emails = staff.staff.map((u) => u.email);
    expect(emails).not.toContain(`agent-b-${suffix}@scope.test`);
    for (const u of staff.staff) for (const g of u.grants) expect(g.siteId === null || g.siteId === siteA.id).toBe(true);
    const review = await grantsForReview(scopeFor(oneSiteAdminAllSitesAgent, "user:manage"), new Date(Date.now() + 200 * 86_400_000));
    expect(review.map((g) => g.email)).not.toContain(`agent-b-${suffix}@scope.test`);
    // An admin of every site sees them.
    expect((await listStaff(scopeFor(allSitesAdminOneSiteAgent, "user:manage"))).staff.map((u) => u.email)).toContain(`agent-b-${suffix}@scope.test`);
  });

  it("an admin cannot grant itself a role (L11): a second admin must", async () => {
    const me = allSitesAdminOneSiteAgent;
    expect(await call(adminUsers.POST as Handler, "POST", me, { json: { email: me.email, role: "supervisor" } })).toBe(403);
    expect((await actorForUser(me.userId))!.roles).not.toContain("supervisor");
  });

  it("audit entries of other sites stay out of a one-site admin's view", async () => {
    const page = await queryAudit(oneSiteAdminAllSitesAgent, {});
    expect(page.entries.every((e) => e.siteId === siteA.id)).toBe(true);
  });
});
