// What a publisher's backend does with its API token on its own site's tickets: link a helpdesk
// reference (ticket.linked), ask for a reveal on behalf of a named agent, close and reopen. Another
// site's ticket is a 404, a bad body a 400, an agent without the ask permission a 403; each change
// is audited as the token.
import { describe, expect, it } from "vitest";

process.env.WEBHOOK_ALLOWED_HOSTS = "127.0.0.1";

const { db } = await import("@/lib/db/client");
const { PUT: putReference } = await import("@/app/api/v1/tickets/[id]/helpdesk-reference/route");
const { POST: postReveal } = await import("@/app/api/v1/tickets/[id]/reveals/route");
const { POST: postClose } = await import("@/app/api/v1/tickets/[id]/close/route");
const { POST: postReopen } = await import("@/app/api/v1/tickets/[id]/reopen/route");
const { createApiToken } = await import("@/lib/sites/api-tokens");
const { connectHelpdesk, disconnectHelpdesk } = await import("@/lib/helpdesk/connections");
const { createWebhookEndpoint } = await import("@/lib/webhooks/endpoints");
const { account, newSite, testEmail } = await import("@/tests/support/factories");
const { recordSession, revealWorld, ORIGIN } = await import("./reveal-helpers");

const by = { id: null, label: "test" };
type Handler = (req: Request, ctx: { params: Promise<unknown> }) => Promise<Response>;

async function call(handler: Handler, token: string, ticketId: string, body?: unknown) {
  const req = new Request(`http://localhost/api/v1/tickets/${ticketId}/x`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const res = await handler(req, { params: Promise.resolve({ id: ticketId }) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> & { error?: { message: string } } };
}

async function world(label: string) {
  const w = await revealWorld(label);
  const admin = await account(testEmail(`api-admin-${label}`), [{ role: "admin" }]);
  const token = await createApiToken(w.site.id, "backend", by);
  const { ticketId, recordingId } = await recordSession(w.site, w.customer);
  const other = await newSite(`Other ${label}`, [ORIGIN]);
  const otherToken = await createApiToken(other.id, "other backend", by);
  return { ...w, admin, token, ticketId, recordingId, other, otherToken, actorLabel: `api-token:${token.id}` };
}

const auditOf = (targetId: string, action: string) => db().auditEntry.findMany({ where: { targetId, action }, orderBy: { seq: "asc" } });

describe("API-token actions on tickets", () => {
  it("link a helpdesk reference: ticket.linked with ids only, audited as the token; conflicts and other sites refused", async () => {
    const w = await world("link");
    await createWebhookEndpoint(w.admin, w.site.id, { url: "http://127.0.0.1:4999/hook", events: ["ticket.linked"] });
    const connection = await connectHelpdesk(by, { site: w.site.id, kind: "zammad" });
    const ref = { connectionId: connection.id, externalId: "4711", url: "https://help.example/#ticket/zoom/4711" };

    const linked = await call(putReference, w.token.token, w.ticketId, ref);
    expect(linked).toEqual({ status: 200, json: { ticketId: w.ticketId, connectionId: connection.id, externalId: "4711", result: "linked" } });
    expect(await db().ticket.findUniqueOrThrow({ where: { id: w.ticketId } })).toMatchObject({ helpdeskConnectionId: connection.id, helpdeskExternalId: "4711", helpdeskUrl: ref.url });
    expect(await call(putReference, w.token.token, w.ticketId, ref)).toMatchObject({ status: 200, json: { result: "unchanged" } });

    const jobs = await db().job.findMany({ where: { kind: "webhook", ticketId: w.ticketId } });
    expect(jobs.map((j) => (j.payload as { event: { type: string; data: unknown } }).event)).toEqual([
      expect.objectContaining({ type: "ticket.linked", data: { siteId: w.site.id, ticketId: w.ticketId, connectionId: connection.id, externalId: "4711" } }),
    ]);
    const audit = await auditOf(w.ticketId, "ticket.helpdesk-link");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: null, actorLabel: w.actorLabel, siteId: w.site.id });

    // The same reference for a second ticket of the site: 409 naming the holder.
    const second = await recordSession(w.site, w.customer);
    const taken = await call(putReference, w.token.token, second.ticketId, ref);
    expect(taken.status).toBe(409);
    expect(taken.json.error?.message).toContain(w.ticketId);
    // Another site's token, or another site's connection: not found.
    expect((await call(putReference, w.otherToken.token, w.ticketId, { ...ref, externalId: "1" })).status).toBe(404);
    const foreign = await connectHelpdesk(by, { site: w.other.id, kind: "zammad" });
    expect((await call(putReference, w.token.token, second.ticketId, { connectionId: foreign.id, externalId: "2" })).status).toBe(404);
    // A disconnected connection: 409; bad input: 400 naming the field.
    await disconnectHelpdesk(by, connection.id);
    expect((await call(putReference, w.token.token, second.ticketId, { connectionId: connection.id, externalId: "3" })).status).toBe(409);
    const bad = await call(putReference, w.token.token, second.ticketId, { connectionId: connection.id, externalId: "", url: "javascript:alert(1)" });
    expect(bad.status).toBe(400);
    expect(bad.json.error?.message).toMatch(/externalId/);
    // No token: 401.
    expect((await call(putReference, "rdt_nope", w.ticketId, ref)).status).toBe(401);
    expect(await db().ticket.findUniqueOrThrow({ where: { id: second.ticketId } })).toMatchObject({ helpdeskConnectionId: null });
  });

  it("ask for a reveal on behalf of a named agent: the agent's request, audited as the token naming the agent", async () => {
    const w = await world("reveal");
    const ask = { agentEmail: w.agent.email.toUpperCase(), recordingId: w.recordingId, justification: "The payment page fails for them" };
    const asked = await call(postReveal, w.token.token, w.ticketId, ask);
    expect(asked.status).toBe(201);
    expect(asked.json).toMatchObject({ status: "pending" });
    const revealId = asked.json.id as string;
    expect(await db().revealRequest.findUniqueOrThrow({ where: { id: revealId } })).toMatchObject({ requesterId: w.agent.userId, ticketId: w.ticketId, scope: "masked" });
    const [audit] = await auditOf(revealId, "reveal.request");
    expect(audit).toMatchObject({ actorId: null, actorLabel: w.actorLabel, justification: ask.justification });
    expect(JSON.parse(audit!.details)).toMatchObject({ onBehalfOf: w.agent.userId, ticketId: w.ticketId });
    expect(await db().job.count({ where: { kind: "mail", ticketId: w.ticketId } })).toBeGreaterThan(0);

    // An agent of another site only, an admin (no ask permission), an unknown address: 403 naming why.
    const elsewhere = await account(testEmail("agent-elsewhere"), [{ role: "agent", siteId: w.other.id }]);
    for (const email of [elsewhere.email, w.admin.email]) {
      const refused = await call(postReveal, w.token.token, w.ticketId, { ...ask, agentEmail: email });
      expect(refused.status, email).toBe(403);
      expect(refused.json.error?.message).toContain("replay:request");
    }
    expect((await call(postReveal, w.token.token, w.ticketId, { ...ask, agentEmail: testEmail("nobody") })).status).toBe(403);
    await db().user.update({ where: { id: w.otherAgent.userId }, data: { deactivatedAt: new Date() } });
    expect((await call(postReveal, w.token.token, w.ticketId, { ...ask, agentEmail: w.otherAgent.email })).status).toBe(403);
    // Another site's token: 404; bad input: 400.
    expect((await call(postReveal, w.otherToken.token, w.ticketId, ask)).status).toBe(404);
    const bad = await call(postReveal, w.token.token, w.ticketId, { ...ask, agentEmail: "not-an-address", justification: "short" });
    expect(bad.status).toBe(400);
    expect(bad.json.error?.message).toMatch(/agentEmail/);
    expect(await db().revealRequest.count({ where: { ticketId: w.ticketId } })).toBe(1);
  });

  it("close and reopen: the desk's rules, 'unchanged' when already there, audited as the token", async () => {
    const w = await world("status");
    expect(await call(postClose, w.token.token, w.ticketId)).toEqual({ status: 200, json: { ticketId: w.ticketId, status: "closed", result: "closed" } });
    const ticket = await db().ticket.findUniqueOrThrow({ where: { id: w.ticketId } });
    expect(ticket.status).toBe("closed");
    // Closing schedules the recording's deletion (or deletes it at once), as the desk does.
    const recording = await db().recording.findUnique({ where: { id: w.recordingId } });
    expect(recording === null || recording.deleteAfter !== null).toBe(true);
    expect(await call(postClose, w.token.token, w.ticketId)).toMatchObject({ status: 200, json: { result: "unchanged" } });
    expect(await call(postReopen, w.token.token, w.ticketId)).toEqual({ status: 200, json: { ticketId: w.ticketId, status: "open", result: "reopened" } });
    expect(await call(postReopen, w.token.token, w.ticketId)).toMatchObject({ status: 200, json: { result: "unchanged" } });
    expect((await call(postClose, w.otherToken.token, w.ticketId)).status).toBe(404);
    expect((await db().ticket.findUniqueOrThrow({ where: { id: w.ticketId } })).status).toBe("open");
    const audit = await db().auditEntry.findMany({ where: { targetId: w.ticketId, action: { in: ["ticket.close", "ticket.reopen"] } }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => [a.action, a.actorLabel])).toEqual([
      ["ticket.close", w.actorLabel],
      ["ticket.reopen", w.actorLabel],
    ]);
  });
});
