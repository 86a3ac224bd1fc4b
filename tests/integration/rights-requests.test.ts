import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";

// Privacy point 11: staff holding privacy:rights act on requests received by other channels (an
// email, a letter): find a person by email or by the verified pseudonym the publisher's backend
// computes, see what is held, export or erase it, each action audited with the staff member and
// the reason; limited to the sites their grant covers. Through the route handlers.

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/auth/actor")>()), currentActor: async () => session.actor }));

const { db } = await import("@/lib/db/client");
const { env } = await import("@/lib/config/env");
const { createSite } = await import("@/lib/sites/create-site");
const { rotatePseudonymSecret } = await import("@/lib/sites/pseudonym-secret");
const { grantRole } = await import("@/lib/users/grants");
const { recordVisit } = await import("@/tests/support/sdk-calls");
const { staff } = await import("@/tests/support/factories");
const { confirmedTicketFromSdk } = await import("@/tests/support/tickets");
const { publisherSigner } = await import("@/tests/support/publisher");
const { DELETED_TEXT } = await import("@/lib/account/customer-rights");
const searchRoute = await import("@/app/api/v1/admin/rights/search/route");
const exportRoute = await import("@/app/api/v1/admin/rights/export/route");
const eraseRoute = await import("@/app/api/v1/admin/rights/erase/route");

const ORIGIN = "https://rights-shop.example";
const by = { id: null, label: "test" };
const suffix = randomBytes(4).toString("hex");
const REASON = "Request received by email on 3 December";

type Site = { id: string; publicKey: string; name: string };
let siteA: Site, siteB: Site;
let adminAll: Actor, adminA: Actor, adminB: Actor, agent: Actor;
let secretA: string;

const routes = { search: searchRoute.POST, export: exportRoute.POST, erase: eraseRoute.POST };

async function call(as: Actor | null, route: keyof typeof routes, body: unknown, contentType = "application/json") {
  session.actor = as;
  try {
    const appOrigin = new URL(env().APP_URL).origin;
    const req = new Request(`${appOrigin}/api/v1/admin/rights/${route}`, { method: "POST", headers: { origin: appOrigin, "content-type": contentType }, body: typeof body === "string" ? body : JSON.stringify(body) });
    const res = await routes[route](req, { params: Promise.resolve({}) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { message: string } }, headers: res.headers };
  } finally {
    session.actor = null;
  }
}


// One visit (consent, triggered upload) and, optionally, the customer's ticket linking it.
async function visit(site: Site, user?: unknown, ticketFor?: string) {
  const { sessionId } = await recordVisit(site, ORIGIN, user === undefined ? {} : { user });
  const recording = await db().recording.findFirstOrThrow({ where: { sdkSessionId: sessionId } });
  const ticketId = ticketFor ? (await confirmedTicketFromSdk(site, { email: ticketFor, subject: `Help on ${site.name}`, message: "My order fails", sessionId })).ticketId : null;
  return { recordingId: recording.id, ticketId };
}

// A customer with a ticket and two recordings on site A (one linked by their verified pseudonym),
// and a ticket with a recording on site B.
async function customerOnTwoSites(label: string) {
  const email = `${label}-${suffix}@customer.example`;
  const sign = await publisherSigner();
  const signed = sign(secretA, siteA.publicKey, `user-${label}-${suffix}`);
  const aTicketed = await visit(siteA, signed, email);
  const aPseudonym = await visit(siteA, sign(secretA, siteA.publicKey, `user-${label}-${suffix}`));
  const bTicketed = await visit(siteB, undefined, email);
  const user = await db().user.findUniqueOrThrow({ where: { email } });
  return { email, user, pseudonym: signed.pseudonym, aTicketed, aPseudonym, bTicketed };
}

const lastAudit = (action: string) => db().auditEntry.findFirstOrThrow({ where: { action }, orderBy: { seq: "desc" } });

beforeAll(async () => {
  siteA = await createSite({ name: `Rights A ${suffix}`, origins: [ORIGIN], by });
  siteB = await createSite({ name: `Rights B ${suffix}`, origins: [ORIGIN], by });
  adminAll = await staff("admin-all", "admin");
  adminA = await staff("admin-a", "admin", siteA.id);
  adminB = await staff("admin-b", "admin", siteB.id);
  agent = await staff("agent", "agent");
  secretA = (await rotatePseudonymSecret(adminAll, siteA.id)).secret;
});

describe("find a person (privacy point 11)", () => {
  it("by email: tickets and recordings held on the caller's sites, consent said to be unlinkable; audited with the reason", async () => {
    const c = await customerOnTwoSites("find");
    const res = await call(adminA, "search", { by: "email", email: c.email.toUpperCase(), reason: REASON });
    expect(res.status).toBe(200);
    const data = res.body as { subject: { account: { email: string } }; tickets: { id: string; site: string }[]; recordings: { id: string; linkedBy: string }[]; notes: { consent: string } };
    expect(data.subject.account.email).toBe(c.email);
    expect(data.tickets.map((t) => t.id)).toEqual([c.aTicketed.ticketId]);
    expect(data.recordings.map((r) => [r.id, r.linkedBy]).sort()).toEqual([[c.aTicketed.recordingId, "ticket"], [c.aPseudonym.recordingId, "pseudonym"]].sort());
    expect(JSON.stringify(data)).not.toContain(siteB.name);
    expect(data.notes.consent).toMatch(/per browser session.*cannot be found, exported or erased for someone/);

    const entry = await lastAudit("rights.find");
    expect(entry).toMatchObject({ actorId: adminA.userId, actorLabel: adminA.email, justification: REASON, targetType: "data-subject", targetId: c.user.id });
    expect(JSON.parse(entry.details)).toEqual({ by: "email", found: true, recordings: 2 });
    expect(entry.details).not.toContain(c.email);

    const all = (await call(adminAll, "search", { by: "email", email: c.email, reason: REASON })).body as { tickets: unknown[]; recordings: unknown[] };
    expect([all.tickets.length, all.recordings.length]).toEqual([2, 3]);
  });

  it("by the verified pseudonym the publisher's backend computes: that site's recordings carrying it, never a claimed one", async () => {
    const c = await customerOnTwoSites("pseudo");
    // The same pseudonym merely claimed (no signature) links nothing, so it is not found either.
    const claimed = await visit(siteA, { pseudonym: c.pseudonym });
    const res = await call(adminA, "search", { by: "pseudonym", siteId: siteA.id, pseudonym: c.pseudonym, reason: REASON });
    expect(res.status).toBe(200);
    const data = res.body as { subject: { site: { id: string } }; recordings: { id: string }[]; tickets: { id: string }[] };
    expect(data.subject.site.id).toBe(siteA.id);
    expect(data.recordings.map((r) => r.id).sort()).toEqual([c.aTicketed.recordingId, c.aPseudonym.recordingId].sort());
    expect(data.recordings.map((r) => r.id)).not.toContain(claimed.recordingId);
    expect(data.tickets.map((t) => t.id)).toEqual([c.aTicketed.ticketId]);
    const entry = await lastAudit("rights.find");
    expect(entry).toMatchObject({ siteId: siteA.id, targetId: null, justification: REASON });
    expect(entry.details).not.toContain(c.pseudonym);
  });

  it("is scoped: a customer of other sites is not found, another site cannot be searched, and the miss is audited", async () => {
    const c = await customerOnTwoSites("scope");
    const onlyB = `only-b-${suffix}@customer.example`;
    await visit(siteB, undefined, onlyB);
    const miss = await call(adminA, "search", { by: "email", email: onlyB, reason: REASON });
    expect(miss.status).toBe(404);
    expect(miss.body.error!.message).toBe("Nobody with this email address has data on the sites you cover.");
    expect(JSON.parse((await lastAudit("rights.find")).details)).toEqual({ by: "email", found: false, recordings: 0 });
    // An unknown address answers exactly the same.
    expect((await call(adminA, "search", { by: "email", email: `nobody-${suffix}@customer.example`, reason: REASON })).body).toEqual(miss.body);
    const otherSite = await call(adminB, "search", { by: "pseudonym", siteId: siteA.id, pseudonym: c.pseudonym, reason: REASON });
    expect(otherSite.status).toBe(404);
    expect(otherSite.body.error!.message).toBe("No such site.");
    expect((await call(adminB, "export", { by: "email", email: onlyB, reason: REASON })).status).toBe(200);
  });
});

describe("export and erase", () => {
  it("exports what is held on the caller's sites as a JSON download, audited", async () => {
    const c = await customerOnTwoSites("export");
    const res = await call(adminA, "export", { by: "email", email: c.email, reason: REASON });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="replaydesk-export-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = res.body as { format: string; account: { email: string }; tickets: { id: string }[]; recordings: { id: string }[] };
    expect(data.format).toBe("replaydesk-export/1");
    expect(data.account.email).toBe(c.email);
    expect(data.tickets.map((t) => t.id)).toEqual([c.aTicketed.ticketId]);
    expect(data.recordings).toHaveLength(2);
    expect(JSON.stringify(data)).not.toContain(c.bTicketed.recordingId);
    expect(JSON.stringify(data)).not.toContain(siteB.name);
    expect(await lastAudit("rights.export")).toMatchObject({ actorId: adminA.userId, justification: REASON, targetId: c.user.id });

    const byPseudonym = await call(adminA, "export", { by: "pseudonym", siteId: siteA.id, pseudonym: c.pseudonym, reason: REASON });
    expect(byPseudonym.body).toMatchObject({ account: null, tickets: [] });
    expect((byPseudonym.body.recordings as unknown[]).length).toBe(2);
  });

  it("a site-scoped erasure deletes that site's recordings and anonymises its tickets, leaving other sites' data and the account", async () => {
    const c = await customerOnTwoSites("erase-scoped");
    const res = await call(adminA, "erase", { by: "email", email: c.email, reason: REASON, confirm: "ERASE" });
    expect(res.status).toBe(200);
    // Whether the account survived would say it holds data elsewhere: not told to one site's staff.
    expect(res.body).toEqual({ erased: true, recordings: 2, tickets: 1, messages: 1 });
    expect(await db().recording.count({ where: { id: { in: [c.aTicketed.recordingId, c.aPseudonym.recordingId] } } })).toBe(0);
    expect(await db().deletionReceipt.count({ where: { siteId: siteA.id, reason: "erasure-request", doneAt: { gte: new Date(Date.now() - 60_000) } } })).toBeGreaterThanOrEqual(2);
    expect(await db().ticket.findUniqueOrThrow({ where: { id: c.aTicketed.ticketId! } })).toMatchObject({ customerId: null, subject: DELETED_TEXT });
    expect(await db().recording.count({ where: { id: c.bTicketed.recordingId } })).toBe(1);
    expect(await db().ticket.findUniqueOrThrow({ where: { id: c.bTicketed.ticketId! } })).toMatchObject({ customerId: c.user.id });
    expect(await db().user.count({ where: { id: c.user.id } })).toBe(1);
    const entry = await lastAudit("rights.erase");
    expect(entry).toMatchObject({ actorId: adminA.userId, actorLabel: adminA.email, justification: REASON, targetId: c.user.id });
    expect(JSON.parse(entry.details)).toEqual({ recordings: 2, tickets: 1, messages: 1, accountDeleted: false, sites: [siteA.id] });

    // Staff covering every site finish the job: the account goes with the rest.
    const all = await call(adminAll, "erase", { by: "email", email: c.email, reason: REASON, confirm: "ERASE" });
    expect(all.body).toEqual({ erased: true, recordings: 1, tickets: 1, messages: 1, accountDeleted: true });
    expect(await db().user.count({ where: { id: c.user.id } })).toBe(0);
    expect((await call(adminAll, "search", { by: "email", email: c.email, reason: REASON })).status).toBe(404);
  });

  it("erasing by pseudonym deletes the recordings carrying it, nothing else", async () => {
    const c = await customerOnTwoSites("erase-pseudo");
    const other = await visit(siteA, (await publisherSigner())(secretA, siteA.publicKey, `someone-else-${suffix}`));
    const res = await call(adminA, "erase", { by: "pseudonym", siteId: siteA.id, pseudonym: c.pseudonym, reason: REASON, confirm: "ERASE" });
    expect(res.body).toEqual({ erased: true, recordings: 2, tickets: 0, messages: 0 });
    expect(await db().recording.count({ where: { id: { in: [c.aTicketed.recordingId, c.aPseudonym.recordingId] } } })).toBe(0);
    expect(await db().recording.count({ where: { id: { in: [other.recordingId, c.bTicketed.recordingId] } } })).toBe(2);
    expect(await lastAudit("rights.erase")).toMatchObject({ actorId: adminA.userId, siteId: siteA.id, targetId: null, justification: REASON });
  });

  it("erases a staff member's customer data but keeps their account: its roles are an administrator's to close", async () => {
    const c = await customerOnTwoSites("staff-too");
    await grantRole({ email: c.email, role: "agent", siteId: siteB.id, by });
    const res = await call(adminAll, "erase", { by: "email", email: c.email, reason: REASON, confirm: "ERASE" });
    expect(res.body).toEqual({ erased: true, recordings: 3, tickets: 2, messages: 2, accountDeleted: false });
    expect(await db().recording.count({ where: { id: { in: [c.aTicketed.recordingId, c.aPseudonym.recordingId, c.bTicketed.recordingId] } } })).toBe(0);
    expect(await db().user.count({ where: { id: c.user.id } })).toBe(1);
    expect(await db().roleGrant.count({ where: { userId: c.user.id, revokedAt: null } })).toBe(1);
  });
});

describe("bad input and access", () => {
  it("answers a clear 4xx naming the field and the rule, and writes nothing", async () => {
    const c = await customerOnTwoSites("bad-input");
    const audits = await db().auditEntry.count();
    const cases: [keyof typeof routes, unknown, number, RegExp][] = [
      ["search", { by: "email", email: c.email }, 400, /^reason: say how the request was received/],
      ["search", { by: "email", email: c.email, reason: "because" }, 400, /^reason: say how the request was received/],
      ["search", { by: "email", email: "not an address", reason: REASON }, 400, /^email: must be an email address$/],
      ["search", { by: "phone", email: c.email, reason: REASON }, 400, /^by: must be email or pseudonym$/],
      ["search", { by: "pseudonym", siteId: siteA.id, pseudonym: "user-42", reason: REASON }, 400, /^pseudonym: must be a Replaydesk pseudonym/],
      ["search", { by: "pseudonym", pseudonym: c.pseudonym, reason: REASON }, 400, /^siteId: choose the site/],
      ["search", { by: "email", email: c.email, reason: REASON, extra: 1 }, 400, /Unrecognized key/i],
      ["export", { by: "email", email: "x", reason: REASON }, 400, /^email: must be an email address$/],
      ["erase", { by: "email", email: c.email, reason: REASON }, 400, /^confirm: type ERASE to confirm the erasure$/],
      ["erase", { by: "email", email: c.email, reason: REASON, confirm: "yes" }, 400, /^confirm: type ERASE/],
    ];
    for (const [route, body, status, message] of cases) {
      const res = await call(adminAll, route, body);
      expect([route, res.status]).toEqual([route, status]);
      expect(res.body.error!.message).toMatch(message);
    }
    expect((await call(adminAll, "search", "{not json")).status).toBe(400);
    expect((await call(adminAll, "search", JSON.stringify({ by: "email", email: c.email, reason: REASON }), "text/plain")).status).toBe(415);
    expect(await db().auditEntry.count()).toBe(audits);
    expect(await db().recording.count({ where: { id: { in: [c.aTicketed.recordingId, c.bTicketed.recordingId] } } })).toBe(2);
  });

  it("the site's privacy officer handles rights requests for that site only, and still holds no staff role beside it", async () => {
    const officer = await staff("officer-a", "privacy-officer", siteA.id);
    const c = await customerOnTwoSites("officer");
    const found = await call(officer, "search", { by: "email", email: c.email, reason: REASON });
    expect(found.status).toBe(200);
    expect((found.body as { recordings: { id: string }[] }).recordings.map((r) => r.id).sort()).toEqual([c.aTicketed.recordingId, c.aPseudonym.recordingId].sort());
    expect(await lastAudit("rights.find")).toMatchObject({ actorId: officer.userId, justification: REASON });
    expect((await call(officer, "search", { by: "pseudonym", siteId: siteB.id, pseudonym: c.pseudonym, reason: REASON })).status).toBe(404);
    // The role-combination rule holds: the officer cannot also be made admin (who holds privacy:rights too) of the site.
    await expect(grantRole({ email: officer.email, role: "admin", siteId: siteA.id, by })).rejects.toThrow(/is the privacy officer \(M2 key custodian\) on this site/);
  });

  it("needs privacy:rights: agents get 403, signed-out callers 401", async () => {
    const c = await customerOnTwoSites("access");
    for (const route of ["search", "export", "erase"] as const) {
      const body = { by: "email", email: c.email, reason: REASON, confirm: "ERASE" };
      expect((await call(agent, route, route === "erase" ? body : { ...body, confirm: undefined })).status).toBe(403);
      expect((await call(null, route, body)).status).toBe(401);
    }
    expect(await db().user.count({ where: { id: c.user.id } })).toBe(1);
  });
});
