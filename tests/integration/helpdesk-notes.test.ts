// Internal notes on the linked helpdesk ticket (Zammad, Chatwoot): queued with the change, posted by
// the outbox as each helpdesk's API documents it (tests/support/helpdesk-api.ts stands in for both);
// the API token goes in the request header and nowhere else: not the job, its error, nor the logs.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

process.env.WEBHOOK_ALLOWED_HOSTS = "127.0.0.1";
const API_PORT = 4960;

const { db } = await import("@/lib/db/client");
const { env } = await import("@/lib/config/env");
const { connectHelpdesk, disconnectHelpdesk } = await import("@/lib/helpdesk/connections");
const { linkSiteTicket } = await import("@/lib/helpdesk/link-ticket");
const { requestReveal } = await import("@/lib/reveal/request-reveal");
const { deleteRecording } = await import("@/lib/recordings/delete-recording");
const { deliverJob } = await import("@/lib/jobs/deliver");
const { recordSession, revealWorld } = await import("./reveal-helpers");
const { startHelpdeskApi } = await import("@/tests/support/helpdesk-api");

const by = { id: null, label: "test" };
const ask = { scope: "masked" as const, justification: "To see where the payment fails" };
let api: Awaited<ReturnType<typeof startHelpdeskApi>>;
beforeAll(async () => {
  api = await startHelpdeskApi(API_PORT);
});
afterAll(async () => {
  await api.close();
});

const noteJobs = (ticketId: string) => db().job.findMany({ where: { kind: "note", ticketId }, orderBy: { createdAt: "asc" } });

// A ticket linked to helpdesk ticket `externalId` through a connection of `kind` taking notes.
async function linkedWorld(label: string, kind: "zammad" | "chatwoot", apiUrl: string, token: string, externalId: string) {
  const w = await revealWorld(label);
  const connection = await connectHelpdesk(by, { site: w.site.id, kind, apiUrl, apiToken: token });
  const { ticketId, recordingId } = await recordSession(w.site, w.customer);
  await linkSiteTicket(w.site.id, by, ticketId, { connectionId: connection.id, externalId });
  return { ...w, connection, ticketId, recordingId };
}

// Delivers the ticket's note jobs, capturing what the app logs meanwhile.
async function deliverNotes(ticketId: string) {
  const logged: string[] = [];
  const spies = (["log", "error", "warn"] as const).map((m) => vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" "))));
  const outcomes = [];
  try {
    for (const job of await noteJobs(ticketId)) if (job.status === "queued") outcomes.push(await deliverJob(job));
  } finally {
    for (const s of spies) s.mockRestore();
  }
  return { outcomes, logged };
}

describe("internal notes on the linked helpdesk ticket", () => {
  it("Zammad: an internal text note through /api/v1/ticket_articles, with the token in its header only", async () => {
    const token = `zammad-token-${Date.now()}`;
    const w = await linkedWorld("notes-zammad", "zammad", api.url("/zammad"), token, "4711");
    const asked = await requestReveal(w.agent, { ...ask, ticketId: w.ticketId, recordingId: w.recordingId });
    const jobs = await noteJobs(w.ticketId);
    expect(jobs).toHaveLength(1);
    expect(JSON.stringify(jobs)).not.toContain(token);

    api.received.length = 0;
    expect((await deliverNotes(w.ticketId)).outcomes).toEqual(["sent"]);
    expect(api.received).toHaveLength(1);
    const [req] = api.received;
    expect(req).toMatchObject({ method: "POST", path: "/zammad/api/v1/ticket_articles" });
    expect(req!.headers.authorization).toBe(`Token token=${token}`);
    expect(req!.body).toEqual({ ticket_id: 4711, body: expect.any(String), content_type: "text/plain", type: "note", internal: true });
    const body = String(req!.body.body);
    expect(body).toContain("Replay access requested");
    expect(body).toContain(asked.id);
    expect(body).toContain(`${env().APP_URL}/embed/${w.connection.id}?ticket=4711`);
    // Nothing personal: no address, no justification.
    for (const personal of [w.customer.email, w.agent.email, ask.justification]) expect(body).not.toContain(personal);
  });

  it("Chatwoot: a private message on the conversation, under the account in the API URL", async () => {
    const token = `chatwoot-token-${Date.now()}`;
    const w = await linkedWorld("notes-chatwoot", "chatwoot", api.url("/chatwoot/api/v1/accounts/3"), token, "77");
    await deleteRecording({ recordingId: w.recordingId, reason: "customer", dueAt: new Date() });
    api.received.length = 0;
    expect((await deliverNotes(w.ticketId)).outcomes).toEqual(["sent"]);
    const [req] = api.received;
    expect(req).toMatchObject({ method: "POST", path: "/chatwoot/api/v1/accounts/3/conversations/77/messages" });
    expect(req!.headers.api_access_token).toBe(token);
    expect(req!.headers.authorization).toBeUndefined();
    expect(req!.body).toEqual({ content: expect.stringContaining("A session recording of this ticket was deleted."), message_type: "outgoing", private: true });
  });

  it("a refusal is retried with the error's class and status only; the token never reaches the job or the logs", async () => {
    const token = `zammad-secret-${Date.now()}`;
    const w = await linkedWorld("notes-refused", "zammad", api.url("/zammad"), token, "99");
    await requestReveal(w.agent, { ...ask, ticketId: w.ticketId, recordingId: w.recordingId });
    api.answer(401);
    try {
      const { outcomes, logged } = await deliverNotes(w.ticketId);
      expect(outcomes).toEqual(["retry"]);
      expect(logged.join("\n")).not.toContain(token);
    } finally {
      api.answer(201);
    }
    const [job] = await noteJobs(w.ticketId);
    expect(job).toMatchObject({ status: "queued", lastError: "WebhookRejected http-401" });
    expect(JSON.stringify(job)).not.toContain(token);
  });

  it("no note for a ticket not linked, nor once the helpdesk is disconnected (a queued one is skipped)", async () => {
    const w = await linkedWorld("notes-off", "zammad", api.url("/zammad"), "token-off-0123", "5");
    const unlinked = await recordSession(w.site, w.customer);
    await requestReveal(w.agent, { ...ask, ticketId: unlinked.ticketId, recordingId: unlinked.recordingId });
    expect(await noteJobs(unlinked.ticketId)).toEqual([]);

    await requestReveal(w.agent, { ...ask, ticketId: w.ticketId, recordingId: w.recordingId });
    await disconnectHelpdesk(by, w.connection.id);
    api.received.length = 0;
    expect((await deliverNotes(w.ticketId)).outcomes).toEqual(["skipped"]);
    expect(api.received).toEqual([]);
    await requestReveal(w.otherAgent, { ...ask, ticketId: w.ticketId, recordingId: w.recordingId });
    expect(await noteJobs(w.ticketId)).toHaveLength(1);
  });
});
