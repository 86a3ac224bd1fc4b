import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";

// Who is signed in for the route handlers called below is what currentActor returns.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/auth/actor")>()), currentActor: async () => session.actor }));

const { db } = await import("@/lib/db/client");
const { env } = await import("@/lib/config/env");
const { createSite } = await import("@/lib/sites/create-site");
const { grantRole } = await import("@/lib/users/grants");
const { actorForUser } = await import("@/lib/auth/actor");
const { requestReveal } = await import("@/lib/reveal/request-reveal");
const { decideReveal, lookupReveal, withdrawReveal } = await import("@/lib/reveal/decide-reveal");
const { validateUnmask } = await import("@/lib/reveal/validate-unmask");
const { loadRecordingPage } = await import("@/lib/reveal/watch-recording");
const { updateQueueTicket } = await import("@/lib/tickets/update-ticket");
const { getQueueTicket } = await import("@/lib/tickets/ticket-views");
const deskReveals = await import("@/app/api/v1/desk/reveals/route");
const deskEvents = await import("@/app/api/v1/desk/recordings/[id]/events/route");
const { pageView, recordSession, revealWorld, SECRET, snapshot, upload, viewAudits } = await import("./reveal-helpers");
const { startMailbox } = await import("@/tests/support/mailbox");
const { waitUntil } = await import("@/tests/support/poll");

type World = Awaited<ReturnType<typeof revealWorld>>;
let w: World;
let mailbox: Awaited<ReturnType<typeof startMailbox>>;

async function call(handler: (req: Request, ctx: { params: Promise<never> }) => Promise<Response>, as: Actor, opts: { method?: string; params?: Record<string, string>; query?: string; json?: unknown } = {}) {
  session.actor = as;
  const origin = new URL(env().APP_URL).origin;
  const req = new Request(`${origin}/api/test${opts.query ?? ""}`, {
    method: opts.method ?? "GET",
    headers: { origin, ...(opts.json === undefined ? {} : { "content-type": "application/json" }) },
    body: opts.json === undefined ? undefined : JSON.stringify(opts.json),
  });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) as Promise<never> });
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } & Record<string, unknown> };
}

// The agent asks, the customer approves from the email; returns the request's id.
async function approved(agent: Actor, rec: { ticketId: string; recordingId: string }, scope: "masked" | "unmasked" = "masked") {
  const before = await mailbox.files();
  const { id } = await requestReveal(agent, { ticketId: rec.ticketId, recordingId: rec.recordingId, scope, justification: "To see the failing payment step" });
  await decideReveal((await mailbox.waitForApproval(w.customer.email, before, { revealId: id })).token, "approve", null);
  return id;
}

beforeAll(async () => {
  mailbox = await startMailbox(env().MAILBOX_SMTP_PORT);
  w = await revealWorld("reveal");
});

afterAll(async () => {
  await mailbox.close();
});

describe("reveal only after the customer approves", () => {
  it("walks request → email → approval → masked view → M1 validation → unmasked view → withdrawal", async () => {
    const { agent, otherAgent, supervisor, customer, stranger } = w;
    const { ticketId, recordingId } = await recordSession(w.site, customer);
    await expect(loadRecordingPage(agent, recordingId, "masked", -1)).rejects.toThrow(/not approved/);

    const before = await mailbox.files();
    await expect(requestReveal(agent, { ticketId, recordingId, scope: "unmasked", justification: "To see the failing payment step" })).resolves.toBeDefined();
    const mail = await mailbox.waitForApproval(customer.email, before);
    expect(mail.text).toContain(agent.email);
    expect(mail.text).toContain("To see the failing payment step");
    expect(mail.text).toContain("Passwords and card numbers are never recorded");
    expect(mail.html).toContain("Approve viewing");

    // Another account may not use the customer's link; looking up changes nothing.
    await expect(lookupReveal(mail.token, stranger)).rejects.toThrow(/another account/);
    expect((await lookupReveal(mail.token, null)).scope).toBe("unmasked");
    await expect(loadRecordingPage(agent, recordingId, "masked", -1)).rejects.toThrow(/not approved/);

    await decideReveal(mail.token, "approve", customer);
    await expect(decideReveal(mail.token, "approve", customer)).rejects.toThrow(/already used/);

    const masked = await loadRecordingPage(agent, recordingId, "masked", -1);
    expect(masked.events.length).toBeGreaterThan(0);
    expect(JSON.stringify(masked.events)).not.toContain(SECRET);

    // M1: the unmasked copy opens only after a supervisor (not the requester) validates.
    await expect(loadRecordingPage(agent, recordingId, "unmasked", -1)).rejects.toThrow(/not approved/);
    const reveal = await db().revealRequest.findFirstOrThrow({ where: { recordingId: recordingId } });
    await expect(validateUnmask(agent, reveal.id)).rejects.toThrow();
    await validateUnmask(supervisor, reveal.id);
    const unmasked = await loadRecordingPage(agent, recordingId, "unmasked", -1);
    expect(JSON.stringify(unmasked.events)).toContain(SECRET);

    // Not the named viewer: refused, assigned or not.
    await expect(loadRecordingPage(otherAgent, recordingId, "masked", -1)).rejects.toThrow(/not approved/);
    await updateQueueTicket(otherAgent, ticketId, { assignee: "me" });
    await expect(loadRecordingPage(otherAgent, recordingId, "masked", -1)).rejects.toThrow(/not approved/);

    await withdrawReveal(customer, reveal.id);
    await expect(loadRecordingPage(agent, recordingId, "masked", -1)).rejects.toThrow(/withdrew/);
    await expect(loadRecordingPage(otherAgent, recordingId, "masked", -1)).rejects.toThrow(/not approved/);

    const actions = (await db().auditEntry.findMany({ where: { OR: [{ targetId: reveal.id }, { targetId: recordingId }] }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["reveal.request", "reveal.email-sent", "reveal.approve", "replay.view", "unmask.validate", "unmask.view", "reveal.withdraw"]);
  });

  it("refuses declined requests, expired tokens, M3 unmasking, closed tickets and customers of other tickets", async () => {
    const { agent, customer, stranger, site } = w;
    const { ticketId, recordingId } = await recordSession(site, customer);
    let before = await mailbox.files();
    await requestReveal(agent, { ticketId, recordingId, scope: "masked", justification: "To see where the payment fails" });
    const declined = await mailbox.waitForApproval(customer.email, before);
    // The same agent asking again while their request waits: refused (the customer was just asked).
    await expect(requestReveal(agent, { ticketId, recordingId, scope: "masked", justification: "Asking a second time" })).rejects.toThrow(/already waiting/);
    await decideReveal(declined.token, "decline", null);
    await expect(loadRecordingPage(agent, recordingId, "masked", -1)).rejects.toThrow(/not approved/);

    before = await mailbox.files();
    await requestReveal(agent, { ticketId, recordingId, scope: "masked", justification: "To see where the payment fails" });
    const late = await mailbox.waitForApproval(customer.email, before);
    const in73h = new Date(Date.now() + 73 * 3600_000);
    await expect(decideReveal(late.token, "approve", null, in73h)).rejects.toThrow(/expired/);

    await expect(withdrawReveal(stranger, (await db().revealRequest.findFirstOrThrow({ where: { recordingId: recordingId } })).id)).rejects.toThrow(/No such request/);

    await db().site.update({ where: { id: site.id }, data: { maskingMode: "M3" } });
    const m3 = await recordSession(site, customer);
    await expect(requestReveal(agent, { ticketId: m3.ticketId, recordingId: m3.recordingId, scope: "unmasked", justification: "Need to read the typed address" })).rejects.toThrow(/M3/);
    await db().site.update({ where: { id: site.id }, data: { maskingMode: "M1" } });

    // An agent whose grant covers another site does not even see the ticket.
    const by = { id: null, label: "test" };
    const elsewhere = await createSite({ name: "Elsewhere", origins: ["https://elsewhere.example"], by });
    const scoped = (await grantRole({ email: `scoped-${Date.now()}@t.example`, role: "agent", by, siteId: elsewhere.id })).user;
    const scopedAgent = (await actorForUser(scoped.id))!;
    await expect(getQueueTicket(scopedAgent, ticketId)).rejects.toThrow(/No such ticket/);
    await expect(loadRecordingPage(scopedAgent, recordingId, "masked", -1)).rejects.toThrow(/No such recording/);
    await expect(requestReveal(scopedAgent, { ticketId, recordingId, scope: "masked", justification: "Not my site at all" })).rejects.toThrow(/No such ticket/);

    await updateQueueTicket(agent, ticketId, { status: "closed" });
    await expect(requestReveal(agent, { ticketId, recordingId, scope: "masked", justification: "After closing the ticket" })).rejects.toThrow(/closed/);
  });
});

describe("H2: an approval lets the one agent it names watch, and nobody else", () => {
  it("assigning the ticket to oneself after a colleague's approval gives no access (403)", async () => {
    const rec = await recordSession(w.site, w.customer);
    await approved(w.agent, rec);
    expect((await call(deskEvents.GET, w.otherAgent, { params: { id: rec.recordingId } })).status).toBe(403);
    await updateQueueTicket(w.otherAgent, rec.ticketId, { assignee: "me" });
    expect((await call(deskEvents.GET, w.otherAgent, { params: { id: rec.recordingId } })).status).toBe(403);
    // The named agent still watches.
    expect((await call(deskEvents.GET, w.agent, { params: { id: rec.recordingId } })).status).toBe(200);
  });

  it("the supervisor who validated cannot watch the unmasked copy, even after assigning the ticket to themselves (403)", async () => {
    const rec = await recordSession(w.site, w.customer);
    const revealId = await approved(w.agent, rec, "unmasked");
    await validateUnmask(w.supervisor, revealId);
    const unmasked = { params: { id: rec.recordingId }, query: "?scope=unmasked" };
    expect((await call(deskEvents.GET, w.supervisor, unmasked)).status).toBe(403);
    await updateQueueTicket(w.supervisor, rec.ticketId, { assignee: "me" });
    const refused = await call(deskEvents.GET, w.supervisor, unmasked);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).not.toContain(SECRET);
    expect((await call(deskEvents.GET, w.supervisor, { params: { id: rec.recordingId } })).status).toBe(403);
    expect((await call(deskEvents.GET, w.agent, unmasked)).status).toBe(200);
  });

  it("another agent files their own request while a colleague's is pending (201); the customer gets a second email naming them", async () => {
    const rec = await recordSession(w.site, w.customer);
    const ask = { ticketId: rec.ticketId, recordingId: rec.recordingId, scope: "masked", justification: "To see the failing payment step" };
    let before = await mailbox.files();
    expect((await call(deskReveals.POST, w.agent, { method: "POST", json: ask })).status).toBe(201);
    const first = await mailbox.waitForApproval(w.customer.email, before);
    before = await mailbox.files();
    const second = await call(deskReveals.POST, w.otherAgent, { method: "POST", json: { ...ask, justification: "I take over this ticket today" } });
    expect(second.status).toBe(201);
    const mail = await mailbox.waitForApproval(w.customer.email, before);
    expect(mail.text).toContain(w.otherAgent.email);
    expect(mail.text).not.toContain(w.agent.email);
    expect(mail.token).not.toBe(first.token);
    // Each approval is for the agent its email named.
    await decideReveal(mail.token, "approve", null);
    expect((await call(deskEvents.GET, w.otherAgent, { params: { id: rec.recordingId } })).status).toBe(200);
    expect((await call(deskEvents.GET, w.agent, { params: { id: rec.recordingId } })).status).toBe(403);
  });
});

describe("the agent's ticket view says what this agent may do with each recording", () => {
  it("mayWatch and mayAsk come from the server's rule, per viewer", async () => {
    const rec = await recordSession(w.site, w.customer);
    const mine = async (who: Actor) => (await getQueueTicket(who, rec.ticketId)).recordings.find((r) => r.id === rec.recordingId)!;
    expect((await mine(w.agent)).mayWatch).toEqual({ masked: false, unmasked: false });
    expect((await mine(w.agent)).mayAsk).toEqual({ masked: true, unmasked: true });

    const revealId = await approved(w.agent, rec, "unmasked");
    // M1: approved, not yet validated.
    expect((await mine(w.agent)).mayWatch).toEqual({ masked: true, unmasked: false });
    await validateUnmask(w.supervisor, revealId);
    expect((await mine(w.agent)).mayWatch).toEqual({ masked: true, unmasked: true });
    // The validator and a colleague who took the ticket: nothing, but they may ask for themselves.
    await updateQueueTicket(w.otherAgent, rec.ticketId, { assignee: "me" });
    for (const other of [w.otherAgent, w.supervisor]) {
      expect((await mine(other)).mayWatch).toEqual({ masked: false, unmasked: false });
      expect((await mine(other)).mayAsk).toEqual({ masked: true, unmasked: true });
    }
    // A pending request of one's own: not again for that scope.
    await requestReveal(w.otherAgent, { ticketId: rec.ticketId, recordingId: rec.recordingId, scope: "masked", justification: "Taking over this ticket today" });
    expect((await mine(w.otherAgent)).mayAsk).toEqual({ masked: false, unmasked: true });
  });
});

describe("L2: viewing is audited once per viewer, recording, scope and approval", () => {
  it("whatever page is fetched first", async () => {
    const rec = await recordSession(w.site, w.customer);
    await upload(w.site, rec.session, { seq: 1, pagePath: "/checkout/pay" });
    await approved(w.agent, rec);
    const second = await loadRecordingPage(w.agent, rec.recordingId, "masked", 0);
    expect(second.events.length).toBeGreaterThan(0);
    expect(await viewAudits(rec.recordingId)).toHaveLength(1);
    await loadRecordingPage(w.agent, rec.recordingId, "masked", -1);
    expect(await viewAudits(rec.recordingId)).toHaveLength(1);
  });

  it("two first pages fetched at once write one entry; a new approval writes a new one", async () => {
    const rec = await recordSession(w.site, w.customer);
    await approved(w.agent, rec);
    await Promise.all([loadRecordingPage(w.agent, rec.recordingId, "masked", -1), loadRecordingPage(w.agent, rec.recordingId, "masked", -1), loadRecordingPage(w.agent, rec.recordingId, "masked", 0)]);
    const entries = await viewAudits(rec.recordingId);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.actorId).toBe(w.agent.userId);

    const again = await approved(w.agent, rec);
    await Promise.all([loadRecordingPage(w.agent, rec.recordingId, "masked", -1), loadRecordingPage(w.agent, rec.recordingId, "masked", -1)]);
    const after = await viewAudits(rec.recordingId);
    expect(after).toHaveLength(2);
    expect(JSON.parse(after[1]!.details)).toMatchObject({ revealId: again, scope: "masked" });
  });
});

describe("L5: an approval covers what was recorded up to the customer's decision", () => {
  it("chunks stored after the decision are not served for that approval (masked and unmasked)", async () => {
    const rec = await recordSession(w.site, w.customer, { events: [pageView("/cart"), snapshot("Cart")] });
    const revealId = await approved(w.agent, rec, "unmasked");
    await validateUnmask(w.supervisor, revealId);
    const decidedAt = (await db().revealRequest.findUniqueOrThrow({ where: { id: revealId } })).decidedAt!;
    // The visit goes on after the customer answered.
    await waitUntil(() => Date.now() > decidedAt.getTime(), { what: "the clock past the answer", timeoutMs: 1_000, intervalMs: 2 });
    await upload(w.site, rec.session, { seq: 1, pagePath: "/orders/history", events: [pageView("/orders/history"), snapshot("Order history")] });
    for (const scope of ["masked", "unmasked"] as const) {
      const page = await loadRecordingPage(w.agent, rec.recordingId, scope, -1);
      expect(page.done).toBe(true);
      expect(JSON.stringify(page.events)).toContain("/cart");
      expect(JSON.stringify(page.events)).not.toContain("orders/history");
      expect(await loadRecordingPage(w.agent, rec.recordingId, scope, page.lastSeq)).toMatchObject({ events: [], done: true });
    }
    // A new approval covers what exists at its own decision.
    await approved(w.agent, rec);
    expect(JSON.stringify((await loadRecordingPage(w.agent, rec.recordingId, "masked", -1)).events)).toContain("orders/history");
  });
});

describe("M4: the unmasked copy is decompressed with an output limit", () => {
  it("a sealed chunk that inflates past the limit is refused with 413 and a clear message; the masked replay still works", async () => {
    const bomb = gzipSync(`[${" ".repeat(16 * 1024 * 1024)}]`);
    expect(bomb.length).toBeLessThan(100_000);
    const rec = await recordSession(w.site, w.customer, { vault: bomb });
    const revealId = await approved(w.agent, rec, "unmasked");
    await validateUnmask(w.supervisor, revealId);
    const refused = await call(deskEvents.GET, w.agent, { params: { id: rec.recordingId }, query: "?scope=unmasked" });
    expect(refused.status).toBe(413);
    expect(refused.body.error?.message).toMatch(/unmasked copy.*too large/);
    expect((await call(deskEvents.GET, w.agent, { params: { id: rec.recordingId } })).status).toBe(200);
  });
});
