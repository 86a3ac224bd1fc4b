import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";

// The customer's side of the reveal flow: what the approval email and page say, deleting after a
// decline, watching one's own recording, seeing who watched it, and the agent's viewer told when
// a recording it shows is withdrawn or deleted. Who is signed in for the route handlers is what
// currentActor returns.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/auth/actor")>()), currentActor: async () => session.actor }));

const { db } = await import("@/lib/db/client");
const { env } = await import("@/lib/config/env");
const { requestReveal } = await import("@/lib/reveal/request-reveal");
const { decideReveal, lookupReveal, withdrawReveal } = await import("@/lib/reveal/decide-reveal");
const { loadRecordingPage } = await import("@/lib/reveal/watch-recording");
const { getOwnTicket } = await import("@/lib/tickets/ticket-views");
const { deleteRecording } = await import("@/lib/recordings/delete-recording");
const { deleteRecordingForCustomer } = await import("@/lib/account/customer-rights");
const deskEvents = await import("@/app/api/v1/desk/recordings/[id]/events/route");
const ownEvents = await import("@/app/api/v1/me/recordings/[id]/events/route");
const deleteAfterDecline = await import("@/app/api/v1/approvals/delete-recording/route");
const deleteDeclined = await import("@/app/api/v1/me/reveals/[id]/delete-recording/route");
const lookupRoute = await import("@/app/api/v1/approvals/lookup/route");
const { click, jsError, pageView, recordSession, revealWorld, SECRET, snapshot, upload } = await import("./reveal-helpers");
const { startMailbox } = await import("@/tests/support/mailbox");

type World = Awaited<ReturnType<typeof revealWorld>>;
let w: World;
let mailbox: Awaited<ReturnType<typeof startMailbox>>;
type Body = { error?: { code: string; message: string } } & Record<string, unknown>;

async function call(handler: (req: Request, ctx: { params: Promise<never> }) => Promise<Response>, as: Actor | null, opts: { method?: string; params?: Record<string, string>; query?: string; json?: unknown } = {}) {
  session.actor = as;
  const origin = new URL(env().APP_URL).origin;
  const req = new Request(`${origin}/api/test${opts.query ?? ""}`, {
    method: opts.method ?? "GET",
    headers: { origin, "x-forwarded-for": `203.0.113.${1 + Math.floor(Math.random() * 250)}`, ...(opts.json === undefined ? {} : { "content-type": "application/json" }) },
    body: opts.json === undefined ? undefined : JSON.stringify(opts.json),
  });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) as Promise<never> });
  return { status: res.status, body: (await res.json()) as Body };
}

async function ask(agent: Actor, rec: { ticketId: string; recordingId: string }, scope: "masked" | "unmasked" = "masked") {
  const before = await mailbox.files();
  const { id } = await requestReveal(agent, { ticketId: rec.ticketId, recordingId: rec.recordingId, scope, justification: "To see the failing payment step" });
  return { id, mail: await mailbox.waitForApproval(w.customer.email, before, { revealId: id }) };
}

const MINUTE = 60_000;

beforeAll(async () => {
  mailbox = await startMailbox(env().MAILBOX_SMTP_PORT);
  w = await revealWorld("customer");
});

afterAll(async () => {
  await mailbox.close();
});

describe("what the customer approves: a named agent, a scope, the recording as it stood (privacy 5, 9)", () => {
  it("the email and the approval page name the agent, the scope, the stored pages, the duration and what this mode keeps masked; durations come from the real deadlines", async () => {
    const rec = await recordSession(w.site, w.customer);
    await upload(w.site, rec.session, { seq: 1, pagePath: "/checkout/pay" });
    // The recording is deleted in 2 h 30: the link and the viewing window end with it.
    await db().recording.update({ where: { id: rec.recordingId }, data: { deleteAfter: new Date(Date.now() + 150 * MINUTE) } });
    const { mail } = await ask(w.agent, rec, "masked");
    for (const text of [mail.text, mail.html]) {
      expect(text).toContain("Léa Martin");
      expect(text).toContain(w.agent.email);
      expect(text).toContain("https://reveal-shop.example/checkout");
      expect(text).toContain("https://reveal-shop.example/checkout/pay");
      expect(text).not.toMatch(/72 hours|24 hours/);
      // M1, masked scope: the sealed copy exists and is not part of this request.
      expect(text).toMatch(/sealed unmasked copy/);
    }
    expect(mail.text).toMatch(/link works once, for 2 hours (29|30) minutes/);
    expect(mail.text).toMatch(/watch it for at most 2 hours (29|30) minutes/);
    expect(mail.text).toMatch(/deleted in 2 hours (29|30) minutes/);
    expect(mail.text).toMatch(/Everything you typed or read stays masked/);

    const page = await lookupReveal(mail.token, null);
    expect(page.agent).toEqual({ name: "Léa Martin", email: w.agent.email });
    expect(page.scope).toBe("masked");
    expect(page.pages).toEqual(["https://reveal-shop.example/checkout", "https://reveal-shop.example/checkout/pay"]);
    expect(page.durationSeconds).toBeGreaterThanOrEqual(0);
    expect(page.status).toBe("pending");
    const deleteAfter = (await db().recording.findUniqueOrThrow({ where: { id: rec.recordingId } })).deleteAfter!;
    expect(page.deadlines).toEqual({ linkUntil: deleteAfter.toISOString(), viewUntil: deleteAfter.toISOString(), deleteAfter: deleteAfter.toISOString() });
    expect(page.masking.join(" ")).toMatch(/sealed unmasked copy/);
    expect(JSON.stringify(page)).not.toMatch(/\b(72|24) hours\b/);
  });

  it("an unmasked request on M1 says the supervisor's validation comes first; on M3 the email says nothing typed or read was collected", async () => {
    const m1 = await recordSession(w.site, w.customer);
    const unmasked = await ask(w.agent, m1, "unmasked");
    expect(unmasked.mail.text).toMatch(/including what you typed/);
    expect(unmasked.mail.text).toMatch(/supervisor .* validates/);
    expect((await lookupReveal(unmasked.mail.token, null)).masking.join(" ")).toMatch(/supervisor .* validates/);

    await db().site.update({ where: { id: w.site.id }, data: { maskingMode: "M3" } });
    try {
      const m3 = await recordSession(w.site, w.customer);
      const masked = await ask(w.agent, m3, "masked");
      expect(masked.mail.text).toMatch(/masked in your browser and never collected/);
      expect(masked.mail.text).not.toMatch(/sealed/);
    } finally {
      await db().site.update({ where: { id: w.site.id }, data: { maskingMode: "M1" } });
    }
  });
});

describe("a declined request offers to delete the recording now (privacy 5)", () => {
  it("from the approval page: after Decline, one click deletes it, audited, with a receipt", async () => {
    const rec = await recordSession(w.site, w.customer);
    const { mail } = await ask(w.agent, rec);
    expect((await decideReveal(mail.token, "decline", null)).status).toBe("declined");
    // Opening the link again shows the decline and the offer (never an approval).
    expect((await lookupReveal(mail.token, null)).status).toBe("declined");
    await expect(decideReveal(mail.token, "approve", null)).rejects.toThrow(/already used/);

    const res = await call(deleteAfterDecline.POST, null, { method: "POST", json: { token: mail.token } });
    expect(res.status).toBe(200);
    const receipt = res.body.receipt as { id: string; deletedAt: string };
    expect(receipt.id).toBeTruthy();
    expect((await db().deletionReceipt.findUniqueOrThrow({ where: { id: receipt.id } })).reason).toBe("customer");
    expect(await db().recording.count({ where: { id: rec.recordingId } })).toBe(0);
    expect(await db().auditEntry.count({ where: { action: "recording.delete", targetId: rec.recordingId, actorId: w.customer.userId } })).toBe(1);
    // The link is spent.
    expect((await call(lookupRoute.POST, null, { method: "POST", json: { token: mail.token } })).status).toBe(410);
    expect((await call(deleteAfterDecline.POST, null, { method: "POST", json: { token: mail.token } })).status).toBe(410);
  });

  it("only a declined request's link deletes; the wrong account cannot", async () => {
    const rec = await recordSession(w.site, w.customer);
    const { mail } = await ask(w.agent, rec);
    expect((await call(deleteAfterDecline.POST, null, { method: "POST", json: { token: mail.token } })).status).toBe(409);
    await decideReveal(mail.token, "decline", null);
    expect((await call(deleteAfterDecline.POST, w.stranger, { method: "POST", json: { token: mail.token } })).status).toBe(403);
    expect(await db().recording.count({ where: { id: rec.recordingId } })).toBe(1);
  });

  it("from the ticket page: the customer deletes the recording of a request they declined, with a receipt", async () => {
    const rec = await recordSession(w.site, w.customer);
    const { id, mail } = await ask(w.agent, rec);
    expect((await call(deleteDeclined.POST, w.customer, { method: "POST", params: { id } })).status).toBe(409);
    await decideReveal(mail.token, "decline", w.customer);
    const recording = (await getOwnTicket(w.customer, rec.ticketId)).recordings[0]!;
    expect(recording.reveals[0]).toMatchObject({ id, status: "declined" });
    expect((await call(deleteDeclined.POST, w.stranger, { method: "POST", params: { id } })).status).toBe(404);
    const res = await call(deleteDeclined.POST, w.customer, { method: "POST", params: { id } });
    expect(res.status).toBe(200);
    expect((res.body.receipt as { id: string }).id).toBeTruthy();
    expect(await db().recording.count({ where: { id: rec.recordingId } })).toBe(0);
    expect((await getOwnTicket(w.customer, rec.ticketId)).recordings).toEqual([]);
  });
});

describe("customers watch their own recording and see who watched it (right of access)", () => {
  it("their own ticket's recording, masked, with its list of events; audited; nobody else's", async () => {
    const t0 = Date.now();
    const rec = await recordSession(w.site, w.customer, { events: [pageView("/checkout", t0), snapshot(`Delivery note: ${SECRET}`, t0 + 1), click(t0 + 500), jsError(`Card ${SECRET} refused`, t0 + 900)] });
    const res = await call(ownEvents.GET, w.customer, { params: { id: rec.recordingId } });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
    expect((res.body.events as unknown[]).length).toBeGreaterThan(0);
    // Masked like the page: the clicked element's text and the error's message (issue 17), and the
    // trigger the server marked where the ticket's batch ended.
    expect(res.body.list).toEqual([
      { at: t0, kind: "page", detail: "https://reveal-shop.example/checkout" },
      { at: t0 + 500, kind: "click", detail: expect.stringMatching(/^[* ]+$/) },
      { at: t0 + 900, kind: "error", detail: expect.stringMatching(/^[* ]+$/) },
      { at: t0 + 900, kind: "trigger" },
    ]);
    await call(ownEvents.GET, w.customer, { params: { id: rec.recordingId }, query: "?after=0" });
    expect(await db().auditEntry.count({ where: { action: "replay.view-own", targetId: rec.recordingId, actorId: w.customer.userId } })).toBe(1);
    for (const other of [w.stranger, w.agent]) expect((await call(ownEvents.GET, other, { params: { id: rec.recordingId } })).status).toBe(404);
  });

  it("the ticket page lists who watched it and when, named as the approval named them", async () => {
    const rec = await recordSession(w.site, w.customer);
    const { mail } = await ask(w.agent, rec);
    await decideReveal(mail.token, "approve", null);
    await loadRecordingPage(w.agent, rec.recordingId, "masked", -1);
    await call(ownEvents.GET, w.customer, { params: { id: rec.recordingId } });
    const { views } = (await getOwnTicket(w.customer, rec.ticketId)).recordings[0]!;
    expect(views).toEqual([{ viewer: `Léa Martin <${w.agent.email}>`, scope: "masked", at: expect.any(String) }]);
  });
});

describe("the agent's viewer is told when the recording is withdrawn or deleted (privacy 4, viewer side)", () => {
  it("deleted while watched: 410 saying why; an agent who never watched it gets 404", async () => {
    const rec = await recordSession(w.site, w.customer);
    const { mail } = await ask(w.agent, rec);
    await decideReveal(mail.token, "approve", null);
    expect((await call(deskEvents.GET, w.agent, { params: { id: rec.recordingId } })).status).toBe(200);
    await deleteRecordingForCustomer(w.customer.userId, rec.recordingId);
    const gone = await call(deskEvents.GET, w.agent, { params: { id: rec.recordingId }, query: "?after=0" });
    expect(gone.status).toBe(410);
    expect(gone.body.error?.message).toMatch(/customer deleted this recording/);
    expect((await call(deskEvents.GET, w.otherAgent, { params: { id: rec.recordingId } })).status).toBe(404);
  });

  it("deleted because the visitor withdrew consent: 410 saying so", async () => {
    const rec = await recordSession(w.site, w.customer);
    const { mail } = await ask(w.agent, rec);
    await decideReveal(mail.token, "approve", null);
    await loadRecordingPage(w.agent, rec.recordingId, "masked", -1);
    await deleteRecording({ recordingId: rec.recordingId, reason: "consent-withdrawn", dueAt: new Date() });
    const gone = await call(deskEvents.GET, w.agent, { params: { id: rec.recordingId } });
    expect(gone.status).toBe(410);
    expect(gone.body.error?.message).toMatch(/withdrew consent/);
  });

  it("erased on a rights request while watched: 410 saying so", async () => {
    const rec = await recordSession(w.site, w.customer);
    const { mail } = await ask(w.agent, rec);
    await decideReveal(mail.token, "approve", null);
    await loadRecordingPage(w.agent, rec.recordingId, "masked", -1);
    await deleteRecording({ recordingId: rec.recordingId, reason: "erasure-request", dueAt: new Date() });
    const gone = await call(deskEvents.GET, w.agent, { params: { id: rec.recordingId } });
    expect(gone.status).toBe(410);
    expect(gone.body.error?.message).toBe("The recording was erased at the person's request.");
  });

  it("approval withdrawn while watched: 410 saying the customer withdrew it", async () => {
    const rec = await recordSession(w.site, w.customer);
    const { id, mail } = await ask(w.agent, rec);
    await decideReveal(mail.token, "approve", null);
    await loadRecordingPage(w.agent, rec.recordingId, "masked", -1);
    await withdrawReveal(w.customer, id);
    const gone = await call(deskEvents.GET, w.agent, { params: { id: rec.recordingId } });
    expect(gone.status).toBe(410);
    expect(gone.body.error?.message).toMatch(/customer withdrew their approval/);
  });
});
