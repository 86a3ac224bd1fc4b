import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { db } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { connectHelpdesk, disconnectHelpdesk } from "@/lib/helpdesk/connections";
import { MAX_CODE_FAILURES } from "@/lib/embed/policy";
import { purgeExpiredEmbedSignIns } from "@/lib/embed/sign-in";
import { proxy } from "@/proxy";
import * as codeRoute from "@/app/embed/[connectionId]/api/code/route";
import * as sessionRoute from "@/app/embed/[connectionId]/api/session/route";
import * as ticketsRoute from "@/app/embed/[connectionId]/api/tickets/route";
import * as ticketRoute from "@/app/embed/[connectionId]/api/tickets/[id]/route";
import * as revealsRoute from "@/app/embed/[connectionId]/api/reveals/route";
import { account, newSite, ticketWithRecording, uniqueSuffix } from "@/tests/support/factories";
import { startMailbox } from "@/tests/support/mailbox";
import { ORIGIN, revealWorld } from "./reveal-helpers";

// The agent panel inside a helpdesk (/embed/<connectionId>): framing per connection, sign-in by a
// mailed code (no account disclosed, tries counted), its own cookie, writes only from our origin,
// and only this connection's tickets, with the desk's own permission checks.

const HOST = "http://127.0.0.1:4899";
let mailbox: Awaited<ReturnType<typeof startMailbox>>;
let app: string;
let world: Awaited<ReturnType<typeof revealWorld>>;
let connection: { id: string };
let siteAgent: { email: string; userId: string };
// Codes are limited per address (5 an hour): each test signs in as an agent of its own.
const newSiteAgent = () => account(`embed-agent-${uniqueSuffix()}@t.example`, [{ role: "agent", siteId: world.site.id }]);
let otherSiteAgent: { email: string };
let linked: { ticketId: string; recordingId: string; externalId: string };

type Json = Record<string, unknown> & { error?: { message: string } };
const params = (extra: Record<string, string> = {}) => ({ params: Promise.resolve({ connectionId: connection.id, ...extra }) });
function call(handler: (req: Request, ctx: { params: Promise<unknown> }) => Promise<Response>, path: string, opts: { method?: string; body?: unknown; cookie?: string; origin?: string | null; extra?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json", "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 250)}` };
  if (opts.origin !== null) headers.origin = opts.origin ?? app;
  if (opts.cookie) headers.cookie = opts.cookie;
  const req = new Request(`${app}/embed/${connection.id}/api${path}`, { method: opts.method ?? "GET", headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  return handler(req, params(opts.extra)).then(async (res) => ({ status: res.status, headers: res.headers, json: (await res.json()) as Json }));
}

async function mailedCode(email: string): Promise<string> {
  const before = await mailbox.files();
  expect(await call(codeRoute.POST, "/code", { method: "POST", body: { email } })).toMatchObject({ status: 202, json: { sent: "maybe" } });
  const mail = await mailbox.waitFor({ to: email, after: before, subject: /agent panel code/ });
  return /^([0-9A-Z]{8})$/m.exec(mail.text)![1]!;
}

async function signIn(email: string): Promise<string> {
  const res = await call(sessionRoute.POST, "/session", { method: "POST", body: { email, code: await mailedCode(email) } });
  expect(res.status).toBe(200);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

beforeAll(async () => {
  app = new URL(env().APP_URL).origin;
  mailbox = await startMailbox(env().MAILBOX_SMTP_PORT);
  world = await revealWorld("embed");
  connection = await connectHelpdesk({ id: null, label: "test" }, { site: world.site.id, kind: "chatwoot", frameOrigins: [HOST] });
  siteAgent = await newSiteAgent();
  const otherSite = await newSite("Embed other", ["https://embed-other.example"]);
  otherSiteAgent = await account(`embed-other-${uniqueSuffix()}@t.example`, [{ role: "agent", siteId: otherSite.id }]);
  const made = await ticketWithRecording(world.site, ORIGIN, world.customer);
  const externalId = String(Math.floor(Math.random() * 1e9));
  await db().ticket.update({ where: { id: made.ticketId }, data: { helpdeskConnectionId: connection.id, helpdeskExternalId: externalId } });
  linked = { ticketId: made.ticketId, recordingId: made.recordingId, externalId };
});

afterAll(async () => {
  await mailbox.close();
});

describe("framing (proxy.ts)", () => {
  const csp = async (path: string) => (await proxy(new NextRequest(`${app}${path}`))).headers.get("content-security-policy") ?? "";

  it("lets only the connection's origins frame its panel, and nobody frame anything else", async () => {
    expect(await csp(`/embed/${connection.id}?ticket=1`)).toContain(`frame-ancestors ${HOST}`);
    expect(await csp("/embed/no-such-connection")).toContain("frame-ancestors 'none'");
    expect(await csp("/embed/%E0%A4%A")).toContain("frame-ancestors 'none'");
    expect(await csp("/desk")).toContain("frame-ancestors 'none'");
    expect(await csp(`/desk?x=/embed/${connection.id}`)).toContain("frame-ancestors 'none'");
  });

  it("a disabled connection, or one without origins, frames nothing", async () => {
    const bare = await connectHelpdesk({ id: null, label: "test" }, { site: world.site.id, kind: "generic" });
    expect(await csp(`/embed/${bare.id}`)).toContain("frame-ancestors 'none'");
    const gone = await connectHelpdesk({ id: null, label: "test" }, { site: world.site.id, kind: "generic", frameOrigins: [HOST] });
    expect(await csp(`/embed/${gone.id}`)).toContain(`frame-ancestors ${HOST}`);
    await disconnectHelpdesk({ id: null, label: "test" }, gone.id);
    expect(await csp(`/embed/${gone.id}`)).toContain("frame-ancestors 'none'");
  });
});

describe("sign-in by code", () => {
  it("mails a code only to an agent of the connection's site, with the same answer for anyone", async () => {
    const before = await mailbox.files();
    for (const email of [otherSiteAgent.email, `nobody-${uniqueSuffix()}@t.example`, world.customer.email]) {
      expect(await call(codeRoute.POST, "/code", { method: "POST", body: { email } })).toMatchObject({ status: 202, json: { sent: "maybe" } });
    }
    const code = await mailedCode(siteAgent.email);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect((await mailbox.since(before)).filter((m) => /agent panel code/.test(m.subject)).map((m) => m.to)).toEqual([siteAgent.email]);
    // Stored hashed only.
    const rows = await db().embedSignInCode.findMany({ where: { connectionId: connection.id }, omit: { codeHash: false } });
    expect(rows.some((r) => r.codeHash.includes(code))).toBe(false);
  });

  it("sets the panel's own cookie, for /embed only, cross-site and partitioned; audited", async () => {
    const agent = await newSiteAgent();
    const email = agent.email;
    const res = await call(sessionRoute.POST, "/session", { method: "POST", body: { email, code: (await mailedCode(email)).toLowerCase() } });
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^rd_embed=[A-Za-z0-9_-]{40,}; Path=\/embed; Max-Age=28800; HttpOnly; Secure; SameSite=None; Partitioned$/);
    const me = await call(sessionRoute.GET, "/session", { cookie: cookie.split(";")[0] });
    expect(me).toMatchObject({ status: 200, json: { email } });
    const audit = await db().auditEntry.findFirst({ where: { action: "embed.sign-in", actorId: agent.userId }, orderBy: { seq: "desc" } });
    expect(audit).not.toBeNull();
  });

  it(`kills a code after ${MAX_CODE_FAILURES} wrong tries, and a used code opens nothing twice`, async () => {
    const { email } = await newSiteAgent();
    const code = await mailedCode(email);
    const wrong = code.startsWith("2") ? `3${code.slice(1)}` : `2${code.slice(1)}`;
    for (let i = 0; i < MAX_CODE_FAILURES; i++) expect((await call(sessionRoute.POST, "/session", { method: "POST", body: { email, code: wrong } })).status).toBe(400);
    expect((await call(sessionRoute.POST, "/session", { method: "POST", body: { email, code } })).status).toBe(400);

    const agent = await db().user.findUniqueOrThrow({ where: { email } });
    expect(await db().auditEntry.count({ where: { action: "embed.code-wrong", actorId: agent.id } })).toBe(MAX_CODE_FAILURES);

    const fresh = await mailedCode(email);
    expect((await call(sessionRoute.POST, "/session", { method: "POST", body: { email, code: fresh } })).status).toBe(200);
    expect((await call(sessionRoute.POST, "/session", { method: "POST", body: { email, code: fresh } })).status).toBe(400);
  });

  it("limits codes per address", async () => {
    const { email } = await newSiteAgent();
    for (let i = 0; i < 5; i++) expect((await call(codeRoute.POST, "/code", { method: "POST", body: { email } })).status).toBe(202);
    expect((await call(codeRoute.POST, "/code", { method: "POST", body: { email } })).status).toBe(429);
  });

  it("a revoked grant ends the panel's session on the next request; signing out ends it too", async () => {
    const agent = await account(`embed-revoked-${uniqueSuffix()}@t.example`, [{ role: "agent", siteId: world.site.id }]);
    const cookie = await signIn(agent.email);
    expect((await call(sessionRoute.GET, "/session", { cookie })).status).toBe(200);
    await db().roleGrant.updateMany({ where: { userId: agent.userId }, data: { revokedAt: new Date() } });
    expect((await call(sessionRoute.GET, "/session", { cookie })).status).toBe(401);

    const again = await signIn((await newSiteAgent()).email);
    expect((await call(sessionRoute.DELETE, "/session", { method: "DELETE", cookie: again })).status).toBe(200);
    expect((await call(sessionRoute.GET, "/session", { cookie: again })).status).toBe(401);
  });
});

it("the sweep removes expired codes and panel sessions", async () => {
  const { email, userId } = await newSiteAgent();
  await signIn(email);
  expect(await db().embedSession.count({ where: { userId } })).toBe(1);
  await purgeExpiredEmbedSignIns(new Date(Date.now() + 9 * 3_600_000));
  expect(await db().embedSession.count({ where: { userId } })).toBe(0);
  expect(await db().embedSignInCode.count({ where: { userId } })).toBe(0);
});

describe("the panel's routes", () => {
  it("refuse a write from another origin (the helpdesk's page), writing nothing", async () => {
    const cookie = await signIn((await newSiteAgent()).email);
    const body = { ticketId: linked.ticketId, recordingId: linked.recordingId, scope: "masked", justification: "To see where the payment fails" };
    const before = await db().revealRequest.count({ where: { recordingId: linked.recordingId } });
    for (const origin of [HOST, "https://evil.example"]) {
      expect((await call(revealsRoute.POST, "/reveals", { method: "POST", body, cookie, origin })).status).toBe(403);
      expect((await call(codeRoute.POST, "/code", { method: "POST", body: { email: siteAgent.email }, origin })).status).toBe(403);
    }
    expect(await db().revealRequest.count({ where: { recordingId: linked.recordingId } })).toBe(before);
  });

  it("find this connection's ticket by the helpdesk's id, show it, and ask to view", async () => {
    const agent = await newSiteAgent();
    const cookie = await signIn(agent.email);
    const found = await call(ticketsRoute.GET, `/tickets?external=${linked.externalId}`, { cookie });
    expect(found).toMatchObject({ status: 200, json: { id: linked.ticketId } });
    expect((await call(ticketsRoute.GET, "/tickets?external=999999999999", { cookie })).status).toBe(404);
    const ticket = await call(ticketRoute.GET, `/tickets/${linked.ticketId}`, { cookie, extra: { id: linked.ticketId } });
    expect(ticket.status).toBe(200);
    expect((ticket.json.recordings as { id: string }[]).map((r) => r.id)).toEqual([linked.recordingId]);

    // A ticket of the same site that this connection did not link: not reachable from its panel.
    const unlinked = await ticketWithRecording(world.site, ORIGIN, world.customer);
    expect((await call(ticketRoute.GET, `/tickets/${unlinked.ticketId}`, { cookie, extra: { id: unlinked.ticketId } })).status).toBe(404);

    const asked = await call(revealsRoute.POST, "/reveals", { method: "POST", cookie, body: { ticketId: linked.ticketId, recordingId: linked.recordingId, scope: "masked", justification: "To see where the payment fails" } });
    expect(asked).toMatchObject({ status: 201, json: { status: "pending" } });
    expect(await db().revealRequest.findUnique({ where: { id: asked.json.id as string } })).toMatchObject({ requesterId: agent.userId, ticketId: linked.ticketId });
    expect((await call(revealsRoute.POST, "/reveals", { method: "POST", cookie, body: { ticketId: unlinked.ticketId, recordingId: unlinked.recordingId, scope: "masked", justification: "To see where the payment fails" } })).status).toBe(404);
  });

  it("answer 401 without the panel's cookie (the app's own session does not count)", async () => {
    expect((await call(ticketsRoute.GET, `/tickets?external=${linked.externalId}`)).status).toBe(401);
  });
});
