// Privacy point 6, "M2 is not M1": M2 is data collected but not made available to the publisher.
// Through the route handlers, on the real database: M2 only with a key custodian (a privacy officer
// outside the site's staff) whose secret the server never stores; an M2 unmasking needs the
// customer's approval AND the custodian's acceptance; the custodian never watches; the operator's
// keys (database, MASTER_KEY, key store) open no M2 vault copy without the custodian.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/auth/actor")>()), currentActor: async () => session.actor }));

const { db } = await import("@/lib/db/client");
const { env } = await import("@/lib/config/env");
const { actorForUser } = await import("@/lib/auth/actor");
const { decideReveal } = await import("@/lib/reveal/decide-reveal");
const { openRecordingKey } = await import("@/lib/crypto/recording-keys");
const { openSealedBytes } = await import("@/lib/crypto/seal");
const { keyStore } = await import("@/lib/crypto/key-store");
const { newCustodySecret, openCustodialVaultKey, openLegacyVaultPrivateKey, parseCustodySecret } = await import("@/lib/crypto/vault-custody");
const { openVaultPrivateKey } = await import("@/lib/sites/vault-keys");
const { createSite } = await import("@/lib/sites/create-site");
const { decodeChunk } = await import("@/lib/recordings/chunk-codec");
const { scanDatabase, findIn } = await import("@/tests/adversarial/support/leak-scan");
const enrolRoute = await import("@/app/api/v1/custody/sites/[id]/enrol/route");
const acceptRoute = await import("@/app/api/v1/custody/reveals/[id]/accept/route");
const refuseRoute = await import("@/app/api/v1/custody/reveals/[id]/refuse/route");
const siteRoute = await import("@/app/api/v1/admin/sites/[id]/route");
const vaultKeyRoute = await import("@/app/api/v1/admin/sites/[id]/vault-key/route");
const complianceRoute = await import("@/app/api/v1/admin/sites/[id]/compliance.json/route");
const inviteRoute = await import("@/app/api/v1/admin/users/route");
const grantRoute = await import("@/app/api/v1/admin/grants/[id]/route");
const deskReveals = await import("@/app/api/v1/desk/reveals/route");
const deskTicket = await import("@/app/api/v1/desk/tickets/[id]/route");
const deskEvents = await import("@/app/api/v1/desk/recordings/[id]/events/route");
const { recordSession, SECRET, snapshot, upload, pageView } = await import("./reveal-helpers");
const { account, newSite, staff } = await import("@/tests/support/factories");
const { startMailbox } = await import("@/tests/support/mailbox");

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;
type Reply = { status: number; body: { error?: { code: string; message: string; issues?: { path: string; message: string }[] } } & Record<string, unknown> };

let mailbox: Awaited<ReturnType<typeof startMailbox>>;
const logged: string[] = [];

async function call(handler: Handler, as: Actor, opts: { method?: string; params?: Record<string, string>; query?: string; json?: unknown } = {}): Promise<Reply> {
  session.actor = as;
  const origin = new URL(env().APP_URL).origin;
  const req = new Request(`${origin}/api/test${opts.query ?? ""}`, {
    method: opts.method ?? "GET",
    headers: { origin, ...(opts.json === undefined ? {} : { "content-type": "application/json" }) },
    body: opts.json === undefined ? undefined : JSON.stringify(opts.json),
  });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) as Promise<never> });
  return { status: res.status, body: (await res.json()) as Reply["body"] };
}
const post = (handler: Handler, as: Actor, params: Record<string, string>, json: unknown = {}) => call(handler, as, { method: "POST", params, json });

// A site of its own with its people: the privacy officer is granted by an admin (not themselves),
// on this site only, and is nobody's agent, supervisor or admin here.
async function custodyWorld(label: string) {
  const suffix = `${label}-${randomBytes(4).toString("hex")}`;
  const site = await newSite(`Custody shop ${label}`, ["https://reveal-shop.example"]);
  const admin = await account(`admin-${suffix}@t.example`, [{ role: "admin" }]);
  const officerEmail = `dpo-${suffix}@t.example`;
  expect((await post(inviteRoute.POST, admin, {}, { email: officerEmail, role: "privacy-officer", siteId: site.id })).status).toBe(201);
  const officer = (await actorForUser((await db().user.findUniqueOrThrow({ where: { email: officerEmail } })).id))!;
  return { site, admin, officer, agent: await account(`agent-${suffix}@t.example`, [{ role: "agent" }], "Léa Martin"), customer: await account(`customer-${suffix}@t.example`) };
}
type World = Awaited<ReturnType<typeof custodyWorld>>;

async function enrol(w: World): Promise<string> {
  const res = await post(enrolRoute.POST, w.officer, { id: w.site.id });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.secret as string;
}

// The agent asks to see the recording unmasked, the customer approves from the email.
async function approvedUnmasked(w: World, rec: { ticketId: string; recordingId: string }) {
  const before = await mailbox.files();
  const asked = await post(deskReveals.POST, w.agent, {}, { ticketId: rec.ticketId, recordingId: rec.recordingId, scope: "unmasked", justification: "The customer says the delivery address is rejected" });
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  const id = asked.body.id as string;
  await decideReveal((await mailbox.waitForApproval(w.customer.email, before, { revealId: id })).token, "approve", null);
  return id;
}

const unmasked = (w: World, as: Actor, recordingId: string) => call(deskEvents.GET, as, { params: { id: recordingId }, query: "?scope=unmasked" });

let w: World;
let secret: string;

beforeAll(async () => {
  mailbox = await startMailbox(env().MAILBOX_SMTP_PORT);
  for (const level of ["log", "info", "warn", "error"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
  }
  w = await custodyWorld("main");
  secret = await enrol(w);
  expect((await call(siteRoute.PATCH, w.admin, { method: "PATCH", params: { id: w.site.id }, json: { maskingMode: "M2" } })).status).toBe(200);
});

afterAll(async () => {
  vi.restoreAllMocks();
  await mailbox.close();
});

describe("M2 needs the customer's approval AND the key custodian's acceptance", () => {
  it("approved by the customer but not accepted: 403 on unmasked; accepted with the secret: 200 with the unmasked events", async () => {
    const rec = await recordSession(w.site, w.customer);
    const revealId = await approvedUnmasked(w, rec);
    const refused = await unmasked(w, w.agent, rec.recordingId);
    expect(refused.status).toBe(403);
    expect(refused.body.error?.message).toMatch(/on M2 sites the key custodian's acceptance/);
    expect((await call(deskEvents.GET, w.agent, { params: { id: rec.recordingId } })).status).toBe(200);
    const ticket = await call(deskTicket.GET, w.agent, { params: { id: rec.ticketId } });
    expect(JSON.stringify(ticket.body)).toMatch(/"mayWatch":\{"masked":true,"unmasked":false\}/);

    // A wrong secret opens nothing, is refused and audited (without the guess).
    const wrong = await post(acceptRoute.POST, w.officer, { id: revealId }, { secret: newCustodySecret() });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error?.message).toBe("This secret does not open the site's M2 vault key.");
    expect(await db().auditEntry.count({ where: { targetId: revealId, action: "unmask.custody-secret-refused" } })).toBe(1);
    expect((await unmasked(w, w.agent, rec.recordingId)).status).toBe(403);

    // What was stored after the customer's answer is not part of the approval: not unsealed.
    await upload(w.site, rec.session, { seq: 1, events: [pageView("/later"), snapshot("AFTER-THE-ANSWER")] });
    // Typed as the custodian may type it: lower case, spaces instead of dashes.
    const accepted = await post(acceptRoute.POST, w.officer, { id: revealId }, { secret: secret.toLowerCase().replaceAll("-", " ") });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toEqual({ accepted: true, chunks: 1 });
    const page = await unmasked(w, w.agent, rec.recordingId);
    expect(page.status).toBe(200);
    expect(JSON.stringify(page.body.events)).toContain(SECRET);
    expect(JSON.stringify(page.body.events)).not.toContain("AFTER-THE-ANSWER");
    expect(JSON.stringify((await call(deskTicket.GET, w.agent, { params: { id: rec.ticketId } })).body)).toMatch(/"custody":"accepted"/);

    // Answered once: a second answer is refused.
    expect((await post(acceptRoute.POST, w.officer, { id: revealId }, { secret })).status).toBe(409);
    const actions = (await db().auditEntry.findMany({ where: { OR: [{ targetId: revealId }, { targetId: rec.recordingId }] }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["reveal.request", "reveal.email-sent", "reveal.approve", "replay.view", "unmask.custody-secret-refused", "unmask.custody-accept", "unmask.view"]);
  });

  it("another approval needs another acceptance; a withdrawal deletes what was unsealed", async () => {
    const rec = await recordSession(w.site, w.customer);
    const first = await approvedUnmasked(w, rec);
    expect((await post(acceptRoute.POST, w.officer, { id: first }, { secret })).status).toBe(200);
    expect((await unmasked(w, w.agent, rec.recordingId)).status).toBe(200);
    await upload(w.site, rec.session, { seq: 1, events: [pageView("/more"), snapshot("SECOND-PART")] });

    const second = await approvedUnmasked(w, rec);
    // Watching goes on under the first approval, which does not cover the new part.
    expect(JSON.stringify((await unmasked(w, w.agent, rec.recordingId)).body.events)).not.toContain("SECOND-PART");
    expect((await post(acceptRoute.POST, w.officer, { id: second }, { secret })).status).toBe(200);
    expect(JSON.stringify((await unmasked(w, w.agent, rec.recordingId)).body.events)).toContain("SECOND-PART");

    const customerActor = (await actorForUser(w.customer.userId))!;
    const { withdrawReveal } = await import("@/lib/reveal/decide-reveal");
    await withdrawReveal(customerActor, second);
    expect(await db().unsealedCopy.count({ where: { revealId: second } })).toBe(0);
    expect(await db().unsealedCopy.count({ where: { revealId: first } })).toBe(1);
  });

  it("the custodian refuses with a reason: audited, and the agent stays at 403 and is told why", async () => {
    const rec = await recordSession(w.site, w.customer);
    const revealId = await approvedUnmasked(w, rec);
    expect((await post(refuseRoute.POST, w.officer, { id: revealId }, { reason: "vague" })).body.error?.message).toMatch(/reason: must say why, in at least 10 characters/);
    const reason = "The address can be read from the masked replay's page flow; no need to unmask.";
    expect((await post(refuseRoute.POST, w.officer, { id: revealId }, { reason })).status).toBe(200);
    expect((await unmasked(w, w.agent, rec.recordingId)).status).toBe(403);
    expect((await post(acceptRoute.POST, w.officer, { id: revealId }, { secret })).status).toBe(409);
    const entry = await db().auditEntry.findFirstOrThrow({ where: { targetId: revealId, action: "unmask.custody-refuse" } });
    expect(entry).toMatchObject({ actorId: w.officer.userId, justification: reason });
    const ticket = JSON.stringify((await call(deskTicket.GET, w.agent, { params: { id: rec.ticketId } })).body);
    expect(ticket).toContain('"custody":"refused"');
    expect(ticket).toContain(reason);
  });

  it("a request the customer has not approved yet is not the custodian's to answer", async () => {
    const rec = await recordSession(w.site, w.customer);
    const asked = await post(deskReveals.POST, w.agent, {}, { ticketId: rec.ticketId, recordingId: rec.recordingId, scope: "unmasked", justification: "To read the delivery address typed" });
    const res = await post(acceptRoute.POST, w.officer, { id: asked.body.id as string }, { secret });
    expect(res.status).toBe(409);
    expect(res.body.error?.message).toMatch(/customer has not approved this request yet/);
  });
});

describe("the custodian is never the requester or a viewer", () => {
  it("the custodian cannot watch or ask, masked or unmasked", async () => {
    const rec = await recordSession(w.site, w.customer);
    const revealId = await approvedUnmasked(w, rec);
    expect((await post(acceptRoute.POST, w.officer, { id: revealId }, { secret })).status).toBe(200);
    expect((await unmasked(w, w.officer, rec.recordingId)).status).toBe(403);
    expect((await call(deskEvents.GET, w.officer, { params: { id: rec.recordingId } })).status).toBe(403);
    expect((await call(deskTicket.GET, w.officer, { params: { id: rec.ticketId } })).status).toBe(403);
    const ask = await post(deskReveals.POST, w.officer, {}, { ticketId: rec.ticketId, recordingId: rec.recordingId, scope: "unmasked", justification: "I would like to see it myself" });
    expect(ask.status).toBe(403);
    // The agent who asked watches; the viewing audit names the agent, never the custodian.
    expect((await unmasked(w, w.agent, rec.recordingId)).status).toBe(200);
    expect((await db().auditEntry.findMany({ where: { targetId: rec.recordingId, action: "unmask.view" } })).map((e) => e.actorId)).toEqual([w.agent.userId]);
  });

  it("another site's privacy officer, an admin or a supervisor cannot answer (403/404)", async () => {
    const other = await custodyWorld("other");
    await enrol(other);
    const rec = await recordSession(w.site, w.customer);
    const revealId = await approvedUnmasked(w, rec);
    expect((await post(acceptRoute.POST, other.officer, { id: revealId }, { secret })).status).toBe(404);
    expect((await post(acceptRoute.POST, w.admin, { id: revealId }, { secret })).status).toBe(403);
    const supervisor = await staff("sup", "supervisor");
    expect((await post(acceptRoute.POST, supervisor, { id: revealId }, { secret })).status).toBe(403);
    expect((await post(enrolRoute.POST, other.officer, { id: w.site.id })).status).toBe(404);
  });
});

describe("who may be the custodian", () => {
  it("the privacy-officer role and agent, supervisor or admin exclude each other on the same site, both directions, with a clear message", async () => {
    const agentEmail = `agent-here-${randomBytes(3).toString("hex")}@t.example`;
    expect((await post(inviteRoute.POST, w.admin, {}, { email: agentEmail, role: "agent", siteId: w.site.id })).status).toBe(201);
    const toOfficer = await post(inviteRoute.POST, w.admin, {}, { email: agentEmail, role: "privacy-officer", siteId: w.site.id });
    expect(toOfficer.status).toBe(409);
    expect(toOfficer.body.error?.message).toMatch(/holds the agent role on this site: the privacy officer, who holds the M2 key custody, cannot also be agent, supervisor or admin on the same site/);

    for (const role of ["agent", "supervisor", "admin"]) {
      const toStaff = await post(inviteRoute.POST, w.admin, {}, { email: w.officer.email, role, siteId: w.site.id });
      expect(toStaff.status).toBe(409);
      expect(toStaff.body.error?.message).toMatch(/is the privacy officer \(M2 key custodian\) on this site: they cannot also be agent, supervisor or admin on the same site/);
    }
    // A grant on every site overlaps this one, in both directions.
    expect((await post(inviteRoute.POST, w.admin, {}, { email: w.officer.email, role: "supervisor" })).body.error?.message).toMatch(/on every site, which includes this one/);
    const everywhere = `everywhere-${randomBytes(3).toString("hex")}@t.example`;
    expect((await post(inviteRoute.POST, w.admin, {}, { email: everywhere, role: "agent" })).status).toBe(201);
    expect((await post(inviteRoute.POST, w.admin, {}, { email: everywhere, role: "privacy-officer", siteId: w.site.id })).status).toBe(409);
    // Another site is another matter: an agent here may be the custodian there.
    const elsewhere = await newSite("Elsewhere", ["https://elsewhere.example"]);
    expect((await post(inviteRoute.POST, w.admin, {}, { email: agentEmail, role: "privacy-officer", siteId: elsewhere.id })).status).toBe(201);
    // A suspended grant may come back at review, so it still counts; a revoked one does not.
    const agentGrant = await db().roleGrant.findFirstOrThrow({ where: { user: { email: agentEmail }, role: "agent", siteId: w.site.id } });
    await db().roleGrant.update({ where: { id: agentGrant.id }, data: { suspendedAt: new Date() } });
    expect((await post(inviteRoute.POST, w.admin, {}, { email: agentEmail, role: "privacy-officer", siteId: w.site.id })).status).toBe(409);
    expect((await call(grantRoute.DELETE, w.admin, { method: "DELETE", params: { id: agentGrant.id } })).status).toBe(200);
    expect((await post(inviteRoute.POST, w.admin, {}, { email: agentEmail, role: "privacy-officer", siteId: w.site.id })).status).toBe(201);
  });

  it("nobody grants themselves the privacy-officer role", async () => {
    const res = await post(inviteRoute.POST, w.admin, {}, { email: w.admin.email, role: "privacy-officer", siteId: w.site.id });
    expect(res.status).toBe(403);
  });
});

describe("a bad settings change is a 400 naming each field, for the form to show beside it", () => {
  it("checks the body against the settings schema: each field's problem in `issues`, the same in the message", async () => {
    const site = await createSite({ name: `Issues ${randomBytes(3).toString("hex")}`, origins: ["https://reveal-shop.example"], by: { id: null, label: "test" } });
    const before = await db().site.findUniqueOrThrow({ where: { id: site.id } });
    const bad = await call(siteRoute.PATCH, w.admin, { method: "PATCH", params: { id: site.id }, json: { bufferMinutes: "ten", allowedOrigins: ["javascript:alert(1)"] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.issues).toEqual([
      { path: "allowedOrigins.0", message: expect.stringMatching(/is not an origin/) },
      { path: "bufferMinutes", message: "must be a whole number of minutes" },
    ]);
    expect(bad.body.error?.message).toMatch(/bufferMinutes: must be a whole number of minutes/);
    const notAnObject = await call(siteRoute.PATCH, w.admin, { method: "PATCH", params: { id: site.id }, json: ["maskingMode"] });
    expect(notAnObject.body.error).toEqual({ code: "bad_request", message: "body: must be an object of settings", issues: [{ path: "", message: "must be an object of settings" }] });
    expect(await db().site.findUniqueOrThrow({ where: { id: site.id } })).toEqual(before);
  });
});

describe("M2 cannot be selected without a key custodian", () => {
  it("400 naming why, nothing saved; a server-held vault key is no custody; the compliance record says why", async () => {
    const site = await newSite("No custodian", ["https://reveal-shop.example"]);
    const before = await db().site.findUniqueOrThrow({ where: { id: site.id } });
    const refused = await call(siteRoute.PATCH, w.admin, { method: "PATCH", params: { id: site.id }, json: { maskingMode: "M2", bufferMinutes: 10 } });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.message).toMatch(/^maskingMode: M2 needs a key custodian outside the publisher's staff, and this site has none/);
    expect(refused.body.error?.issues).toEqual([{ path: "maskingMode", message: expect.stringMatching(/^M2 needs a key custodian/) }]);
    expect(await db().site.findUniqueOrThrow({ where: { id: site.id } })).toEqual(before);

    expect((await post(vaultKeyRoute.POST, w.admin, { id: site.id })).status).toBe(201);
    expect((await call(siteRoute.PATCH, w.admin, { method: "PATCH", params: { id: site.id }, json: { maskingMode: "M2" } })).status).toBe(400);
    expect((await call(siteRoute.PATCH, w.admin, { method: "PATCH", params: { id: site.id }, json: { maskingMode: "M1" } })).status).toBe(200);

    const record = await call(complianceRoute.GET, w.admin, { params: { id: site.id } });
    const measures = record.body.measures as { code: string; how: string }[];
    expect(measures.find((m) => m.code === "M1")?.how).toMatch(/M2 cannot be chosen: no key custodian is enrolled for this site/);
  });

  it("an M2 site's key is the custodian's: the admin cannot replace it, the custodian cannot enrol on an M1 site, M1 cannot take a custodian's key", async () => {
    const rotate = await post(vaultKeyRoute.POST, w.admin, { id: w.site.id });
    expect(rotate.status).toBe(409);
    expect(rotate.body.error?.message).toMatch(/held by the site's key custodian/);

    const m1 = await custodyWorld("m1");
    await db().site.update({ where: { id: m1.site.id }, data: { maskingMode: "M1" } });
    expect((await post(enrolRoute.POST, m1.officer, { id: m1.site.id })).body.error?.message).toMatch(/This site uses M1/);

    const m3 = await custodyWorld("m3");
    await enrol(m3);
    const toM1 = await call(siteRoute.PATCH, m3.admin, { method: "PATCH", params: { id: m3.site.id }, json: { maskingMode: "M1" } });
    expect(toM1.body.error?.message).toMatch(/^maskingMode: M1 needs a vault key the server can open/);
  });

  it("when the custodian loses the role, the M2 site is flagged and nothing can be accepted", async () => {
    const gone = await custodyWorld("orphan");
    await enrol(gone);
    expect((await call(siteRoute.PATCH, gone.admin, { method: "PATCH", params: { id: gone.site.id }, json: { maskingMode: "M2" } })).status).toBe(200);
    const grant = await db().roleGrant.findFirstOrThrow({ where: { userId: gone.officer.userId, role: "privacy-officer" } });
    expect((await call(grantRoute.DELETE, gone.admin, { method: "DELETE", params: { id: grant.id } })).status).toBe(200);
    const record = await call(complianceRoute.GET, gone.admin, { params: { id: gone.site.id } });
    const m2 = (record.body.measures as { code: string; status: string; shortfalls: string[] }[]).find((m) => m.code === "M2")!;
    expect(m2.status).toBe("shortfall");
    expect(m2.shortfalls).toEqual([expect.stringMatching(/no longer its privacy officer: no unmasking can be accepted/)]);
    expect((await post(enrolRoute.POST, (await actorForUser(gone.officer.userId))!, { id: gone.site.id })).status).toBe(403);
  });
});

describe("the compliance record of an M2 site with its key custodian", () => {
  it("M2 in place, the custodian named, their answers in the evidence, and the unmasked viewing they accepted covered by Approval", async () => {
    const c = await custodyWorld("record");
    const key = await enrol(c);
    expect((await call(siteRoute.PATCH, c.admin, { method: "PATCH", params: { id: c.site.id }, json: { maskingMode: "M2" } })).status).toBe(200);
    const rec = await recordSession(c.site, c.customer);
    const revealId = await approvedUnmasked(c, rec);
    expect((await post(acceptRoute.POST, c.officer, { id: revealId }, { secret: key })).status).toBe(200);
    expect((await unmasked(c, c.agent, rec.recordingId)).status).toBe(200);

    const record = await call(complianceRoute.GET, c.admin, { params: { id: c.site.id } });
    type M = { code: string; status: string; how: string; evidence: string[]; shortfalls: string[] };
    const measures = record.body.measures as M[];
    const m2 = measures.find((m) => m.code === "M2")!;
    expect(m2).toMatchObject({ status: "on", shortfalls: [] });
    expect(m2.how).toContain(`Key custodian: ${c.officer.email} since `);
    expect(m2.evidence.join(" ")).toMatch(/1 request to see unmasked content, 0 validated by a supervisor \(M1\), 1 accepted and 0 refused by the key custodian \(M2\); 1 unmasked viewing/);
    const evidence = record.body.evidence as { custody: { state: string; custodian: string }; unmasks: { id: string; custody: { answer: string; by: string } | null }[] };
    expect(evidence.custody).toMatchObject({ state: "enrolled", custodian: c.officer.email });
    expect(evidence.unmasks).toEqual([expect.objectContaining({ id: revealId, custody: expect.objectContaining({ answer: "accepted", by: c.officer.email }) })]);
    expect(measures.find((m) => m.code === "Approval")).toMatchObject({ status: "on", shortfalls: [] });
    const roles = JSON.stringify((record.body.documents as { id: string }[]).find((d) => d.id === "roles"));
    expect(roles).toContain("of the sealed unmasked copy, only what the key custodian unsealed for an approval");
  });
});

describe("the operator's keys open no M2 vault copy without the custodian", () => {
  it("with the database, MASTER_KEY and the key store, but not the secret: the vault copy stays sealed", async () => {
    const rec = await recordSession(w.site, w.customer);
    const s = await db().recording.findUniqueOrThrow({ where: { id: rec.recordingId }, omit: { wrappedDataKey: false }, include: { vaultKey: { omit: { privateKeyWrapped: false } }, chunks: { where: { stream: "vault" } } } });
    // The data key opens (the masked stream is the operator's to protect), giving the sealed box.
    const sealed = decodeChunk(await openRecordingKey(s.wrappedDataKey!), { recordingId: s.id, stream: "vault", seq: 0 }, s.chunks[0]!.payload);
    expect(s.vaultKey!.privateKeyWrapped).toMatch(/^vc1\./);
    // Every way the server has to open a vault key: none opens this one.
    await expect(openVaultPrivateKey(s.vaultKey!)).rejects.toThrow(/held by the site's key custodian/);
    expect(openLegacyVaultPrivateKey(s.vaultKey!)).toBeNull();
    await expect(openCustodialVaultKey(s.vaultKey!, newCustodySecret())).rejects.toThrow(/does not open/);
    await expect(openCustodialVaultKey(s.vaultKey!, "")).rejects.toThrow(/does not open/);
    // No unsealed copy exists before an acceptance.
    expect(await db().unsealedCopy.count({ where: { recordingId: s.id } })).toBe(0);
    // The custodian's secret (with the same server keys) is what opens it.
    const privateKey = await openCustodialVaultKey(s.vaultKey!, secret);
    expect(Buffer.from(await openSealedBytes(privateKey, sealed)).length).toBeGreaterThan(0);
  });

  it("the secret never appears in the database, the key store, the logs or the audit log", async () => {
    const needles = [secret, secret.replaceAll("-", ""), parseCustodySecret(secret)!.toString("hex"), parseCustodySecret(secret)!.toString("base64"), parseCustodySecret(secret)!.toString("base64url")];
    const scan = await scanDatabase(env().DATABASE_URL, needles);
    expect(scan.rows).toBeGreaterThan(0);
    expect(scan.leaks).toEqual([]);
    const store = keyStore();
    if (store.kind === "file") {
      const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(path.join(dir, n)).isDirectory() ? files(path.join(dir, n)) : [path.join(dir, n)]));
      const root = path.resolve(env().KEY_STORE_DIR);
      expect(files(root).flatMap((f) => findIn(readFileSync(f), f, needles))).toEqual([]);
    }
    const audit = await db().auditEntry.findMany({ where: { siteId: w.site.id } });
    expect(audit.some((e) => e.action === "site.vault-key.custody")).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(secret.replaceAll("-", "").slice(0, 12));
    expect(logged.join("\n")).not.toContain(secret.slice(0, 14));
  });
});
