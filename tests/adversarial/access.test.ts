import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";

// Issue 8, part 5, at the route handlers: IDOR attempts on every id-bearing route across
// customers, agents, admins and sites; approval tokens guessed, reused, expired, raced and used
// from another account; CSRF on every state-changing route; error bodies that never echo a secret.
// Who is signed in is what currentActor returns (the cookie-to-session path is covered over HTTP
// by the permission matrix and tests/adversarial/server/access.ts).

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/auth/actor")>()), currentActor: async () => session.actor }));

const { db } = await import("@/lib/db/client");
const { env } = await import("@/lib/config/env");
const { startMailbox } = await import("@/tests/support/mailbox");
const { createApiToken } = await import("@/lib/sites/api-tokens");
const { account, newRecording, newSite, ticketWithRecording } = await import("@/tests/support/factories");
const { requestReveal } = await import("@/lib/reveal/request-reveal");
const { decideReveal } = await import("@/lib/reveal/decide-reveal");
const ingestRoute = await import("@/app/api/v1/ingest/route");
const deskTicket = await import("@/app/api/v1/desk/tickets/[id]/route");
const deskTickets = await import("@/app/api/v1/desk/tickets/route");
const deskMessages = await import("@/app/api/v1/desk/tickets/[id]/messages/route");
const deskReveals = await import("@/app/api/v1/desk/reveals/route");
const deskValidate = await import("@/app/api/v1/desk/reveals/[id]/validate/route");
const deskEvents = await import("@/app/api/v1/desk/recordings/[id]/events/route");
const meTicket = await import("@/app/api/v1/me/tickets/[id]/route");
const meTickets = await import("@/app/api/v1/me/tickets/route");
const meMessages = await import("@/app/api/v1/me/tickets/[id]/messages/route");
const meWithdraw = await import("@/app/api/v1/me/reveals/[id]/withdraw/route");
const meExport = await import("@/app/api/v1/me/export/route");
const recordingRoute = await import("@/app/api/v1/recordings/[id]/route");
const meRoute = await import("@/app/api/v1/me/route");
const related = await import("@/app/api/v1/desk/tickets/[id]/related-recordings/route");
const { rotatePseudonymSecret } = await import("@/lib/sites/pseudonym-secret");
const { publisherSigner } = await import("@/tests/support/publisher");
const { DELETE_CONFIRMATION } = await import("@/lib/retention/rules");
const apiReveal = await import("@/app/api/v1/reveals/[id]/route");
const apiTickets = await import("@/app/api/v1/tickets/route");
const adminSite = await import("@/app/api/v1/admin/sites/[id]/route");
const adminVault = await import("@/app/api/v1/admin/sites/[id]/vault-key/route");
const adminPseudonym = await import("@/app/api/v1/admin/sites/[id]/pseudonym-secret/route");
const adminStorage = await import("@/app/api/v1/admin/sites/[id]/storage-limits/route");
const adminConsentCsv = await import("@/app/api/v1/admin/sites/[id]/consent.csv/route");
const adminTokens = await import("@/app/api/v1/admin/sites/[id]/api-tokens/route");
const adminToken = await import("@/app/api/v1/admin/sites/[id]/api-tokens/[tokenId]/route");
const adminCompliance = await import("@/app/api/v1/admin/sites/[id]/compliance.json/route");
const adminAudit = await import("@/app/api/v1/admin/audit.csv/route");
const adminGrant = await import("@/app/api/v1/admin/grants/[id]/route");
const adminReview = await import("@/app/api/v1/admin/grants/[id]/review/route");
const adminUser = await import("@/app/api/v1/admin/users/[id]/route");
const lookup = await import("@/app/api/v1/approvals/lookup/route");
const decide = await import("@/app/api/v1/approvals/decide/route");

type Params = Record<string, string | string[]>;
// Any route handler: their params differ, and each call below passes the ones its route takes.
type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;
type Call = { as?: Actor | null; params?: Params; json?: unknown; headers?: Record<string, string>; query?: string };

const by = { id: null, label: "adversarial" };
const suffix = randomBytes(4).toString("hex");
let mailbox: Awaited<ReturnType<typeof startMailbox>>;
let appOrigin: string;

// One call of a route handler as `as`, from the app's own origin unless the headers say otherwise,
// each from a client address of its own (the rate limits are tested on purpose, below).
async function call(handler: Handler, method: string, opts: Call = {}) {
  session.actor = opts.as ?? null;
  const headers: Record<string, string> = { origin: appOrigin, "x-forwarded-for": `203.0.113.${1 + Math.floor(Math.random() * 250)}`, ...(opts.headers ?? {}) };
  if (opts.json !== undefined) headers["content-type"] ??= "application/json";
  const req = new Request(`${appOrigin}/api/test${opts.query ?? ""}`, { method, headers, body: opts.json === undefined ? undefined : JSON.stringify(opts.json) });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) as Promise<never> });
  return { status: res.status, text: await res.text() };
}

const SITE_A = "https://adv-site-a.example";
const SITE_B = "https://adv-site-b.example";
let siteA: { id: string; publicKey: string }, siteB: { id: string; publicKey: string };
let custA: Actor, custA2: Actor, custB: Actor;
let agentA: Actor, agentA2: Actor, agentB: Actor, supB: Actor, adminA: Actor, everything: Actor;
let tA: string, tB: string, rA: string, rB: string, revA: string, revB: string, tokenB: string;
let tokenA: { id: string; token: string }, tokenOfB: { id: string; token: string };
let agentBGrant: string;

async function newReveal(agent: Actor, ticketId: string, recordingId: string, customer: Actor) {
  const known = await mailbox.files();
  const { id } = await requestReveal(agent, { ticketId, recordingId, scope: "masked", justification: "To see where the cart fails" });
  return { id, token: (await mailbox.waitForApproval(customer.email, known, { revealId: id })).token };
}

beforeAll(async () => {
  appOrigin = new URL(env().APP_URL).origin;
  mailbox = await startMailbox(env().MAILBOX_SMTP_PORT);
  siteA = await newSite("Adv A", [SITE_A]);
  siteB = await newSite("Adv B", [SITE_B]);
  custA = await account(`adv-cust-a-${suffix}@t.example`);
  custA2 = await account(`adv-cust-a2-${suffix}@t.example`);
  custB = await account(`adv-cust-b-${suffix}@t.example`);
  agentA = await account(`adv-agent-a-${suffix}@t.example`, [{ role: "agent", siteId: siteA.id }]);
  agentA2 = await account(`adv-agent-a2-${suffix}@t.example`, [{ role: "agent", siteId: siteA.id }]);
  agentB = await account(`adv-agent-b-${suffix}@t.example`, [{ role: "agent", siteId: siteB.id }]);
  supB = await account(`adv-sup-b-${suffix}@t.example`, [{ role: "supervisor", siteId: siteB.id }]);
  adminA = await account(`adv-admin-a-${suffix}@t.example`, [{ role: "admin", siteId: siteA.id }]);
  everything = await account(`adv-all-${suffix}@t.example`, [{ role: "admin" }, { role: "supervisor" }]);
  agentBGrant = (await db().roleGrant.findFirstOrThrow({ where: { userId: agentB.userId } })).id;
  ({ ticketId: tA, recordingId: rA } = await ticketWithRecording(siteA, SITE_A, custA));
  ({ ticketId: tB, recordingId: rB } = await ticketWithRecording(siteB, SITE_B, custB));
  await ticketWithRecording(siteA, SITE_A, custA2);
  const a = await newReveal(agentA, tA, rA, custA);
  revA = a.id;
  await decideReveal(a.token, "approve", custA);
  const b = await newReveal(agentB, tB, rB, custB);
  revB = b.id;
  tokenB = b.token;
  tokenA = await createApiToken(siteA.id, "adv A", by);
  tokenOfB = await createApiToken(siteB.id, "adv B", by);
});

afterAll(async () => {
  await mailbox.close();
});

// The state an attack must not change.
async function snapshot() {
  const [ticketA, revealA, recording, messages, reveals, site, token, grant] = await Promise.all([
    db().ticket.findUniqueOrThrow({ where: { id: tA }, select: { status: true, assigneeId: true, updatedAt: true } }),
    db().revealRequest.findUniqueOrThrow({ where: { id: revA }, select: { status: true, validatedAt: true, accessUntil: true } }),
    db().recording.count({ where: { id: rA } }),
    db().ticketMessage.count({ where: { ticketId: tA } }),
    db().revealRequest.count(),
    db().site.findUniqueOrThrow({ where: { id: siteB.id } }),
    db().apiToken.findUniqueOrThrow({ where: { id: tokenOfB.id }, select: { revokedAt: true } }),
    db().roleGrant.findUniqueOrThrow({ where: { id: agentBGrant }, select: { revokedAt: true, lastReviewedAt: true } }),
  ]);
  const vaultKeys = await db().vaultKey.count({ where: { siteId: siteB.id } });
  return { ticketA, revealA, recording, messages, reveals, site, token, grant, vaultKeys };
}

describe("IDOR: ids of other customers, sites and agents", () => {
  it("a customer reaches no other customer's ticket, recording, request or data", async () => {
    const before = await snapshot();
    expect((await call(meTicket.GET, "GET", { as: custB, params: { id: tA } })).status).toBe(404);
    expect((await call(meTicket.PATCH, "PATCH", { as: custB, params: { id: tA }, json: { status: "closed" } })).status).toBe(404);
    expect((await call(meMessages.POST, "POST", { as: custB, params: { id: tA }, json: { body: "injected" } })).status).toBe(404);
    expect((await call(meWithdraw.POST, "POST", { as: custB, params: { id: revA } })).status).toBe(404);
    expect((await call(recordingRoute.DELETE, "DELETE", { as: custB, params: { id: rA } })).status).toBe(404);
    // Same site, other customer: no difference.
    expect((await call(meTicket.GET, "GET", { as: custA2, params: { id: tA } })).status).toBe(404);
    expect((await call(recordingRoute.DELETE, "DELETE", { as: custA2, params: { id: rA } })).status).toBe(404);
    // Staff routes are not theirs at all.
    expect((await call(deskTicket.GET, "GET", { as: custB, params: { id: tA } })).status).toBe(403);
    expect((await call(deskEvents.GET, "GET", { as: custA, params: { id: rA } })).status).toBe(403);
    const exported = await call(meExport.GET, "GET", { as: custB });
    expect(exported.status).toBe(200);
    for (const foreign of [tA, rA, revA, custA.email]) expect(exported.text).not.toContain(foreign);
    expect(await snapshot()).toEqual(before);
  });

  it("an agent reaches no ticket, recording or request of a site outside their grants", async () => {
    const before = await snapshot();
    expect((await call(deskTicket.GET, "GET", { as: agentB, params: { id: tA } })).status).toBe(404);
    expect((await call(deskTicket.PATCH, "PATCH", { as: agentB, params: { id: tA }, json: { assignee: "me" } })).status).toBe(404);
    expect((await call(deskTicket.PATCH, "PATCH", { as: agentB, params: { id: tA }, json: { status: "closed" } })).status).toBe(404);
    expect((await call(deskMessages.POST, "POST", { as: agentB, params: { id: tA }, json: { body: "injected" } })).status).toBe(404);
    const ask = { scope: "masked", justification: "Trying someone else's recording" };
    expect((await call(deskReveals.POST, "POST", { as: agentB, json: { ...ask, ticketId: tA, recordingId: rA } })).status).toBe(404);
    // A recording of another ticket, through a ticket one may see: still nothing.
    expect((await call(deskReveals.POST, "POST", { as: agentB, json: { ...ask, ticketId: tB, recordingId: rA } })).status).toBe(404);
    expect((await call(deskReveals.POST, "POST", { as: agentA, json: { ...ask, ticketId: tA, recordingId: rB } })).status).toBe(404);
    expect((await call(deskEvents.GET, "GET", { as: agentB, params: { id: rA } })).status).toBe(404);
    expect((await call(deskValidate.POST, "POST", { as: supB, params: { id: revA } })).status).toBe(404);
    const queue = await call(deskTickets.GET, "GET", { as: agentB, query: `?siteId=${siteA.id}` });
    expect(queue.status).toBe(200);
    expect(JSON.parse(queue.text)).toEqual({ tickets: [] });
    // Same site, but neither the requester nor the assignee: the approval is not theirs.
    expect((await call(deskEvents.GET, "GET", { as: agentA2, params: { id: rA } })).status).toBe(403);
    // The requester may watch the masked replay, and only that.
    expect((await call(deskEvents.GET, "GET", { as: agentA, params: { id: rA }, query: "?scope=unmasked" })).status).toBe(403);
    expect((await call(deskEvents.GET, "GET", { as: agentA, params: { id: rA } })).status).toBe(200);
    expect(await snapshot()).toEqual(before);
  });

  it("a publisher's API token reaches its own site only", async () => {
    const bearer = (t: { token: string }) => ({ authorization: `Bearer ${t.token}` });
    expect((await call(apiReveal.GET, "GET", { params: { id: revA }, headers: bearer(tokenOfB) })).status).toBe(404);
    expect((await call(apiReveal.GET, "GET", { params: { id: revA }, headers: bearer(tokenA) })).status).toBe(200);
    // A ticket for site B cannot claim a session recorded on site A.
    const sessionA = (await db().recording.findUniqueOrThrow({ where: { id: rA } })).sdkSessionId;
    const res = await call(apiTickets.POST, "POST", { headers: bearer(tokenOfB), json: { email: `adv-x-${suffix}@t.example`, subject: "Linking", message: "m", sessionId: sessionA } });
    expect(res.status).toBe(201);
    expect(JSON.parse(res.text).sessionId).toBeNull();
    expect((await db().recording.findUniqueOrThrow({ where: { id: rA } })).ticketId).toBe(tA);
  });

  it("an admin of one site configures, reads and exports nothing of another, and manages no staff", async () => {
    const before = await snapshot();
    const p = { id: siteB.id };
    expect((await call(adminSite.PATCH, "PATCH", { as: adminA, params: p, json: { retentionHours: 1 } })).status).toBe(404);
    expect((await call(adminVault.POST, "POST", { as: adminA, params: p })).status).toBe(404);
    expect((await call(adminPseudonym.POST, "POST", { as: adminA, params: p })).status).toBe(404);
    expect((await call(adminStorage.GET, "GET", { as: adminA, params: p })).status).toBe(404);
    expect((await call(adminStorage.PATCH, "PATCH", { as: adminA, params: p, json: { storageQuotaMb: 1 } })).status).toBe(404);
    expect((await call(adminConsentCsv.GET, "GET", { as: adminA, params: p })).status).toBe(404);
    expect((await call(adminTokens.POST, "POST", { as: adminA, params: p, json: { name: "stolen" } })).status).toBe(404);
    expect((await call(adminToken.DELETE, "DELETE", { as: adminA, params: { id: siteB.id, tokenId: tokenOfB.id } })).status).toBe(404);
    // Through their own site's path, another site's token id: still nothing.
    expect((await call(adminToken.DELETE, "DELETE", { as: adminA, params: { id: siteA.id, tokenId: tokenOfB.id } })).status).toBe(404);
    expect((await call(adminCompliance.GET, "GET", { as: adminA, params: p })).status).toBe(404);
    for (const query of [`?site=${siteB.id}`, ""]) {
      const csv = await call(adminAudit.GET, "GET", { as: adminA, query });
      expect(csv.status).toBe(200);
      expect(csv.text).not.toContain(siteB.id);
    }
    expect((await call(adminGrant.DELETE, "DELETE", { as: adminA, params: { id: agentBGrant } })).status).toBe(403);
    expect((await call(adminReview.POST, "POST", { as: adminA, params: { id: agentBGrant } })).status).toBe(403);
    expect((await call(adminUser.PATCH, "PATCH", { as: adminA, params: { id: agentB.userId }, json: { active: false } })).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });
});

describe("IDOR through a claimed identity", () => {
  // The page tells ingest who the visitor is. A raw { id } is whatever the page (or anyone with
  // the site key) says, so claiming a victim's id must not reach the victim's other recordings:
  // not in the claimant's export, not as "related recordings" an agent links to the claimant's
  // ticket (the claimant would then approve viewing the victim's replay), not in an account deletion.
  it("a visitor claiming another user's id gets none of that user's recordings", async () => {
    const victimId = `user-${suffix}`;
    const victim = await newRecording(siteA, SITE_A, { user: { id: victimId } });
    const eve = await account(`adv-eve-${suffix}@t.example`);
    const { ticketId } = await ticketWithRecording(siteA, SITE_A, eve, { user: { id: victimId } });
    const list = await call(related.GET, "GET", { as: agentA, params: { id: ticketId } });
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(victim.recordingId);
    expect((await call(related.POST, "POST", { as: agentA, params: { id: ticketId }, json: { recordingId: victim.recordingId } })).status).toBe(404);
    const exported = await call(meExport.GET, "GET", { as: eve });
    expect(exported.status).toBe(200);
    expect(exported.text).not.toContain(victim.recordingId);
    expect((await call(meRoute.DELETE, "DELETE", { as: eve, json: { confirm: DELETE_CONFIRMATION } })).status).toBe(200);
    expect(await db().recording.count({ where: { id: victim.recordingId } })).toBe(1);
  });

  it("a pseudonym the publisher's backend signed does link the same user's recordings; the bare pseudonym does not", async () => {
    const { secret } = await rotatePseudonymSecret(everything, siteA.id);
    const user = (await publisherSigner())(secret, siteA.publicKey, `member-${suffix}`);
    const earlier = await newRecording(siteA, SITE_A, { user });
    const member = await account(`adv-member-${suffix}@t.example`);
    const { ticketId } = await ticketWithRecording(siteA, SITE_A, member, { user });
    expect((await call(related.GET, "GET", { as: agentA, params: { id: ticketId } })).text).toContain(earlier.recordingId);
    const eve = await account(`adv-eve2-${suffix}@t.example`);
    const claimed = await ticketWithRecording(siteA, SITE_A, eve, { user: { pseudonym: user.pseudonym } });
    expect((await call(related.GET, "GET", { as: agentA, params: { id: claimed.ticketId } })).text).not.toContain(earlier.recordingId);
  });
});

describe("approval tokens", () => {
  const post = (route: { POST: Handler }, json: unknown, as: Actor | null = null) => call(route.POST, "POST", { as, json });

  it("guessed, reused, expired, declined, or used from another account: refused, and nothing changes", async () => {
    const guessed = randomBytes(32).toString("base64url");
    expect((await post(lookup, { token: guessed })).status).toBe(410);
    expect((await post(decide, { token: guessed, decision: "approve" })).status).toBe(410);
    // The real token of B, from the signed-in account of another customer.
    const other = await post(decide, { token: tokenB, decision: "approve" }, custA);
    expect(other.status).toBe(403);
    expect((await db().revealRequest.findUniqueOrThrow({ where: { id: revB } })).status).toBe("pending");
    // Then used by its owner (signed out, from the email): once.
    expect((await post(decide, { token: tokenB, decision: "approve" })).status).toBe(200);
    expect((await post(decide, { token: tokenB, decision: "approve" })).status).toBe(410);
    expect((await post(decide, { token: tokenB, decision: "decline" })).status).toBe(410);
    expect((await post(lookup, { token: tokenB })).status).toBe(410);
    // Expired before use.
    const late = await newReveal(agentA, tA, rA, custA);
    await db().revealRequest.update({ where: { id: late.id }, data: { tokenExpiresAt: new Date(Date.now() - 1000) } });
    expect((await post(lookup, { token: late.token })).status).toBe(410);
    expect((await post(decide, { token: late.token, decision: "approve" })).status).toBe(410);
    expect((await db().revealRequest.findUniqueOrThrow({ where: { id: late.id } })).status).toBe("pending");
    // Declined, then approved with the same link.
    await db().revealRequest.update({ where: { id: late.id }, data: { status: "withdrawn", tokenHash: null } });
    const declined = await newReveal(agentA, tA, rA, custA);
    expect((await post(decide, { token: declined.token, decision: "decline" })).status).toBe(200);
    expect((await post(decide, { token: declined.token, decision: "approve" })).status).toBe(410);
    expect((await db().revealRequest.findUniqueOrThrow({ where: { id: declined.id } })).status).toBe("declined");
  });

  it("one link answered many times at once is applied exactly once", async () => {
    const r = await newReveal(agentA2, tA, rA, custA);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => post(decide, { token: r.token, decision: i % 3 === 0 ? "decline" : "approve" })));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 200).every((a) => a.status === 410)).toBe(true);
    const audits = await db().auditEntry.count({ where: { targetId: r.id, action: { in: ["reveal.approve", "reveal.decline"] } } });
    expect(audits).toBe(1);
  });

  it("guessing is rate limited per client, without hurting other clients", async () => {
    const attacker = { "x-forwarded-for": `192.0.2.${1 + Math.floor(Math.random() * 250)}` };
    const guess = () => call(decide.POST, "POST", { json: { token: randomBytes(32).toString("base64url"), decision: "approve" }, headers: attacker });
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await guess()).status);
    expect(statuses.slice(0, 20).every((s) => s === 410)).toBe(true);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    const lookups: number[] = [];
    for (let i = 0; i < 32; i++) lookups.push((await call(lookup.POST, "POST", { json: { token: randomBytes(32).toString("base64url") }, headers: attacker })).status);
    expect(lookups.slice(30)).toEqual([429, 429]);
    // Another client, meanwhile, is answered normally.
    expect((await post(lookup, { token: randomBytes(32).toString("base64url") })).status).toBe(410);
    // A forged X-Forwarded-For in front does not give the attacker a fresh allowance.
    const forged = await call(decide.POST, "POST", { json: { token: randomBytes(32).toString("base64url"), decision: "approve" }, headers: { "x-forwarded-for": `10.9.8.7, ${attacker["x-forwarded-for"]}` } });
    expect(forged.status).toBe(429);
  });
});

// Every route file that answers a state-changing method, found on disk like the permission matrix
// does, so a new route cannot be forgotten here.
function stateChangingRoutes(dir = "app", segments: string[] = []): { file: string; route: string; method: string }[] {
  const found: { file: string; route: string; method: string }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...stateChangingRoutes(full, /^\(.*\)$/.test(entry.name) ? segments : [...segments, entry.name]));
    else if (entry.name === "route.ts") {
      const source = readFileSync(full, "utf8");
      for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
        if (new RegExp(`export (const|async function|function) ${method}\\b|as ${method}\\b`).test(source)) found.push({ file: full, route: `/${segments.join("/")}`, method });
      }
    }
  }
  return found;
}

// Called by publishers' pages on purpose, from their origins: each checks the Origin against the
// site's allowed origins instead, and none reads a cookie (covered in ingest-fuzz.test.ts).
// Webhooks are called by other servers: each is authenticated by a signature over its body
// (lib/inbound/mailgun.ts, lib/helpdesk/verify.ts; a forged one gets 401, tested in inbound-mailgun.test.ts
// and helpdesk-webhook.test.ts) and reads no cookie.
// Called from publishers' pages (site key + Origin), by mail providers and helpdesks (signed), or by a
// publisher's backend with an API token (Authorization header, never a cookie): no browser session to ride.
const CROSS_ORIGIN_BY_DESIGN = new Set([
  "POST /api/v1/ingest",
  "POST /api/v1/consent",
  "POST /api/v1/tickets",
  "POST /api/v1/support-codes",
  "POST /api/v1/inbound/mailgun/mime",
  "POST /api/v1/helpdesk/[connectionId]/webhook",
  "PUT /api/v1/tickets/[id]/helpdesk-reference",
  "POST /api/v1/tickets/[id]/reveals",
  "POST /api/v1/tickets/[id]/close",
  "POST /api/v1/tickets/[id]/reopen",
]);

describe("CSRF: every state-changing route refuses cross-site requests", () => {
  const routes = stateChangingRoutes().filter((r) => !CROSS_ORIGIN_BY_DESIGN.has(`${r.method} ${r.route}`));

  it("finds the routes", () => {
    expect(routes.length).toBeGreaterThan(15);
  });

  for (const r of routes) {
    it(`${r.method} ${r.route}`, async () => {
      const mod = (await import(/* @vite-ignore */ path.resolve(r.file))) as Record<string, Handler>;
      const handler = mod[r.method]!;
      const params = { id: "ck0000000000000000000000", tokenId: "ck0000000000000000000000", nextauth: ["signin", "email"] };
      const crossSite: Record<string, string>[] = [{ origin: "https://evil.example" }, { origin: "null" }, { origin: appOrigin, "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }];
      for (const headers of crossSite) {
        const res = await call(handler, r.method, { as: everything, params, headers, json: {} });
        expect(res.status, JSON.stringify(headers)).toBe(403);
        expect(res.text).toMatch(/Cross-site requests are not allowed/);
      }
      // The same request from the app's own page gets past that check, to whatever comes next
      // (next-auth's own handler needs Next.js's request object, so not that one here).
      if (r.route.startsWith("/api/auth/")) return;
      const same = await call(handler, r.method, { as: everything, params, json: {} });
      expect(same.text).not.toMatch(/Cross-site requests are not allowed/);
    });
  }
});

// Why the API-token routes may be called cross-origin: a browser's session opens none of them.
describe("API-token routes ignore the browser's session", () => {
  const tokenRoutes = stateChangingRoutes().filter((r) => CROSS_ORIGIN_BY_DESIGN.has(`${r.method} ${r.route}`) && r.route.startsWith("/api/v1/tickets/[id]/"));
  it("finds them", () => expect(tokenRoutes).toHaveLength(4));
  for (const r of tokenRoutes) {
    it(`${r.method} ${r.route}: signed in with every permission, no token: 401`, async () => {
      const mod = (await import(/* @vite-ignore */ path.resolve(r.file))) as Record<string, Handler>;
      const res = await call(mod[r.method]!, r.method, { as: everything, params: { id: "ck0000000000000000000000" }, headers: { origin: "https://evil.example" }, json: {} });
      expect(res.status).toBe(401);
    });
  }
});

describe("error bodies", () => {
  it("never echo a token, a typed secret or the submitted value", async () => {
    const secret = `Sekret-${randomBytes(6).toString("hex")}`;
    const token = randomBytes(32).toString("base64url");
    const replies = [
      await call(decide.POST, "POST", { json: { token, decision: secret } }),
      await call(lookup.POST, "POST", { json: { token: `${token}${secret}`.repeat(3) } }),
      await call(deskReveals.POST, "POST", { as: agentA, json: { ticketId: secret, recordingId: secret, scope: secret, justification: secret } }),
      await call(meMessages.POST, "POST", { as: custA, params: { id: secret }, json: { body: secret } }),
      await call(deskTicket.PATCH, "PATCH", { as: agentA, params: { id: tA }, json: { status: secret } }),
      await call(meTickets.POST, "POST", { as: custA, json: { siteId: secret, subject: secret, message: secret.repeat(1000) } }),
      await call(apiReveal.GET, "GET", { params: { id: revA }, headers: { authorization: `Bearer rdt_${secret}` } }),
      await call(ingestRoute.POST, "POST", { headers: { origin: SITE_A, "content-type": "text/plain" }, json: { v: 1, siteKey: secret, sessionId: secret, events: [{ type: secret }] } }),
    ];
    for (const r of replies) {
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(r.text).not.toContain(secret);
      expect(r.text).not.toContain(token);
    }
  });
});
