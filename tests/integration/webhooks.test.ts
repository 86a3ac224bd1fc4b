// Outbound webhooks through the outbox: events for a reveal request, its approval and the
// recording's deletion reach a local receiver signed per Standard Webhooks; a receiver down, then
// up, gets each event once; "send again" repeats the same webhook-id; the URL guard refuses
// internal targets unless WEBHOOK_ALLOWED_HOSTS admits them (here: 127.0.0.1).
import http from "node:http";
import { afterAll, describe, expect, it } from "vitest";

process.env.WEBHOOK_ALLOWED_HOSTS = "127.0.0.1";
const RECEIVER_PORT = 4800;

const { db } = await import("@/lib/db/client");
const { env } = await import("@/lib/config/env");
const { derivedToken } = await import("@/lib/crypto/tokens");
const { requestReveal } = await import("@/lib/reveal/request-reveal");
const { decideReveal, withdrawReveal } = await import("@/lib/reveal/decide-reveal");
const { deleteRecording } = await import("@/lib/recordings/delete-recording");
const { deliverDueJobs } = await import("@/lib/jobs/deliver");
const { resendJob } = await import("@/lib/jobs/resend-job");
const { listJobs } = await import("@/lib/jobs/list-jobs");
const { createWebhookEndpoint, disableWebhookEndpoint, listWebhookEndpoints, rotateWebhookSecret } = await import("@/lib/webhooks/endpoints");
const { WEBHOOK_EVENTS } = await import("@/lib/webhooks/event-types");
const { recordSession, revealWorld } = await import("./reveal-helpers");
const { account } = await import("@/tests/support/factories");
const { startMailbox } = await import("@/tests/support/mailbox");
const { startWebhookReceiver } = await import("@/tests/support/webhook-receiver");

const HOUR = 3600_000;
const worker = "webhooks-test";
const ask = { scope: "masked" as const, justification: "To see where the payment fails" };
const url = `http://127.0.0.1:${RECEIVER_PORT}/hooks/replaydesk`;
const webhookJobs = async (endpointId: string) => (await db().job.findMany({ where: { kind: "webhook" }, orderBy: { createdAt: "asc" } })).filter((j) => (j.payload as { endpointId?: string }).endpointId === endpointId);

const cleanup: (() => Promise<void>)[] = [];
// The approval emails must leave before a customer can answer: one catcher for the file.
let mailboxStarted = false;
async function startMailboxOnce() {
  if (mailboxStarted) return;
  mailboxStarted = true;
  const mailbox = await startMailbox(env().MAILBOX_SMTP_PORT, { deliver: false });
  cleanup.push(() => mailbox.close());
}
afterAll(async () => {
  for (const c of cleanup) await c();
});

describe("outbound webhooks", () => {
  it("refuses internal targets unless the allow-list admits the host, and shows the secret once", async () => {
    const w = await revealWorld("webhooks-guard");
    const admin = await account(`wh-admin-${Date.now()}@t.example`, [{ role: "admin" }]);
    for (const bad of ["https://10.0.0.7/hook", "https://169.254.169.254/latest", "https://[::1]/hook", "http://127.0.0.2/hook", "https://localhost/hook"]) {
      await expect(createWebhookEndpoint(admin, w.site.id, { url: bad, events: ["reveal.requested"] }), bad).rejects.toMatchObject({ code: "bad_request" });
    }
    // Not an admin: no such site, as for any other site setting.
    await expect(createWebhookEndpoint(w.agent, w.site.id, { url, events: ["reveal.requested"] })).rejects.toMatchObject({ code: "not_found" });
    const created = await createWebhookEndpoint(admin, w.site.id, { url, events: ["reveal.requested"] });
    expect(created.secret).toMatch(/^whsec_/);
    const listed = await listWebhookEndpoints(admin, w.site.id);
    expect(listed).toEqual([{ id: created.id, url, events: ["reveal.requested"], createdAt: created.createdAt, disabledAt: null }]);
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    const stored = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: created.id }, omit: { secretSealed: false } });
    expect(stored.secretSealed).not.toContain(created.secret.slice(6));
    expect((await db().webhookEndpoint.findUniqueOrThrow({ where: { id: created.id } })) as Record<string, unknown>).not.toHaveProperty("secretSealed");
  });

  it("delivers signed, ids-only events for a reveal request, its approval and the recording's deletion; down then up: once each", async () => {
    const w = await revealWorld("webhooks");
    const admin = await account(`wh-admin2-${Date.now()}@t.example`, [{ role: "admin" }]);
    let secret = "";
    const endpoint = await createWebhookEndpoint(admin, w.site.id, { url, events: [...WEBHOOK_EVENTS] });
    secret = endpoint.secret;
    const rec = await recordSession(w.site, w.customer);
    await db().recording.update({ where: { id: rec.recordingId }, data: { deleteAfter: new Date(Date.now() + 10 * 24 * HOUR) } });

    // The receiver is down: the event waits in the outbox.
    const { id: revealId } = await requestReveal(w.agent, { ticketId: rec.ticketId, recordingId: rec.recordingId, ...ask });
    await startMailboxOnce();
    await deliverDueJobs({ worker });
    const [requested] = await webhookJobs(endpoint.id);
    expect(requested).toMatchObject({ status: "queued", attempts: 1, lastError: expect.stringMatching(/ECONNREFUSED/) });

    const all = await startWebhookReceiver(RECEIVER_PORT, () => [secret]);
    cleanup.push(() => all.close());
    // Jobs other runs left for this port (other sites) may arrive too: this site's are looked at.
    const receiver = { get received() { return all.received.filter((r) => r.event.data.siteId === w.site.id); }, countsById: () => all.countsById(new Set(receiver.received.map((r) => r.id))) };
    const later = () => new Date(Date.now() + HOUR);
    await deliverDueJobs({ worker, now: later });
    await deliverDueJobs({ worker, now: later });
    expect(receiver.received.map((r) => r.event.type)).toEqual(["reveal.requested"]);
    expect(receiver.received[0]).toMatchObject({ id: requested!.id, signatureValid: true });
    expect(receiver.received[0]!.event.data).toEqual({ siteId: w.site.id, ticketId: rec.ticketId, revealId, recordingId: rec.recordingId });

    // The customer approves (the email has gone), then deletes the recording.
    await decideReveal(derivedToken("reveal-approval", revealId), "approve", null);
    await deleteRecording({ recordingId: rec.recordingId, reason: "customer", dueAt: new Date() });
    await deliverDueJobs({ worker });
    expect(receiver.received.map((r) => r.event.type)).toEqual(["reveal.requested", "reveal.approved", "recording.deleted"]);
    expect(receiver.received.every((r) => r.signatureValid)).toBe(true);
    expect(receiver.received[2]!.event.data).toEqual({ siteId: w.site.id, ticketId: rec.ticketId, recordingId: rec.recordingId });
    // Ids only: nothing of the customer, the agent or the justification.
    const bodies = receiver.received.map((r) => r.body).join("\n");
    for (const leak of [w.customer.email, w.agent.email, ask.justification]) expect(bodies).not.toContain(leak);
    expect([...receiver.countsById().values()]).toEqual([1, 1, 1]);

    // "Send again" repeats the same webhook-id (the receiver deduplicates), signed with the new secret after a rotation.
    const [, approved] = await webhookJobs(endpoint.id);
    await db().job.update({ where: { id: approved!.id }, data: { status: "dead" } });
    // The outbox page lists it by event type and endpoint host.
    expect((await listJobs({ status: "dead" })).find((j) => j.id === approved!.id)).toMatchObject({ kind: "webhook", template: "reveal.approved", recipient: `127.0.0.1:${RECEIVER_PORT}`, mayResend: true });
    secret = (await rotateWebhookSecret(admin, w.site.id, endpoint.id)).secret;
    await resendJob(admin, approved!.id);
    await deliverDueJobs({ worker });
    expect(receiver.countsById().get(approved!.id)).toBe(2);
    expect(receiver.received.at(-1)).toMatchObject({ id: approved!.id, signatureValid: true });

    // A disabled endpoint gets no new events.
    await disableWebhookEndpoint(admin, w.site.id, endpoint.id);
    const rec2 = await recordSession(w.site, w.customer);
    await deleteRecording({ recordingId: rec2.recordingId, reason: "customer", dueAt: new Date() });
    expect(await webhookJobs(endpoint.id)).toHaveLength(3);
    expect(all.received.filter((r) => r.event.data.siteId === w.site.id && !r.signatureValid)).toEqual([]);
  });

  it("retries a non-2xx answer, a redirect (never followed) and a receiver that does not answer within 10 s", async () => {
    const port = RECEIVER_PORT + 3;
    const w = await revealWorld("webhooks-failing");
    const admin = await account(`wh-admin4-${Date.now()}@t.example`, [{ role: "admin" }]);
    const hits: string[] = [];
    const server = http.createServer((req, res) => {
      hits.push(req.url ?? "");
      if (req.url === "/500") res.writeHead(500).end();
      else if (req.url === "/302") res.writeHead(302, { location: `http://127.0.0.1:${port}/followed` }).end();
      // "/slow": never answered
    });
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
    cleanup.push(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
    const ids: Record<string, string> = {};
    for (const path of ["/500", "/302", "/slow"]) ids[path] = (await createWebhookEndpoint(admin, w.site.id, { url: `http://127.0.0.1:${port}${path}`, events: ["recording.deleted"] })).id;
    const rec = await recordSession(w.site, w.customer);
    await deleteRecording({ recordingId: rec.recordingId, reason: "customer", dueAt: new Date() });
    const started = Date.now();
    await deliverDueJobs({ worker });
    expect(Date.now() - started).toBeLessThan(20_000);
    const [failed500] = await webhookJobs(ids["/500"]!);
    const [redirected] = await webhookJobs(ids["/302"]!);
    const [slow] = await webhookJobs(ids["/slow"]!);
    expect(failed500).toMatchObject({ status: "queued", attempts: 1, lastError: "WebhookRejected http-500" });
    expect(redirected).toMatchObject({ status: "queued", attempts: 1, lastError: "WebhookRejected http-302" });
    expect(slow).toMatchObject({ status: "queued", attempts: 1, lastError: expect.stringMatching(/Abort|Timeout/) });
    expect(hits).not.toContain("/followed");
  }, 40_000);

  it("queues reveal.declined and reveal.withdrawn with the customer's answers; a refused second answer queues nothing", async () => {
    const w = await revealWorld("webhooks-answers");
    const admin = await account(`wh-admin5-${Date.now()}@t.example`, [{ role: "admin" }]);
    const endpoint = await createWebhookEndpoint(admin, w.site.id, { url, events: ["reveal.declined", "reveal.withdrawn"] });
    const rec = await recordSession(w.site, w.customer);
    await startMailboxOnce();
    const first = await requestReveal(w.agent, { ticketId: rec.ticketId, recordingId: rec.recordingId, ...ask });
    await deliverDueJobs({ worker });
    await decideReveal(derivedToken("reveal-approval", first.id), "decline", null);
    // A second answer fails, and queues nothing.
    await expect(decideReveal(derivedToken("reveal-approval", first.id), "approve", null)).rejects.toThrow();
    const rec2 = await recordSession(w.site, w.customer);
    const second = await requestReveal(w.agent, { ticketId: rec2.ticketId, recordingId: rec2.recordingId, ...ask });
    await withdrawReveal(w.customer, second.id);
    const events = (await webhookJobs(endpoint.id)).map((j) => (j.payload as { event: { type: string; data: { revealId?: string } } }).event);
    expect(events.map((e) => [e.type, e.data.revealId])).toEqual([["reveal.declined", first.id], ["reveal.withdrawn", second.id]]);
  });

  it("an endpoint subscribed to some events gets only those", async () => {
    const w = await revealWorld("webhooks-subset");
    const admin = await account(`wh-admin3-${Date.now()}@t.example`, [{ role: "admin" }]);
    const endpoint = await createWebhookEndpoint(admin, w.site.id, { url, events: ["recording.deleted"] });
    const rec = await recordSession(w.site, w.customer);
    await requestReveal(w.agent, { ticketId: rec.ticketId, recordingId: rec.recordingId, ...ask });
    await deleteRecording({ recordingId: rec.recordingId, reason: "customer", dueAt: new Date() });
    expect((await webhookJobs(endpoint.id)).map((j) => (j.payload as { event: { type: string } }).event.type)).toEqual(["recording.deleted"]);
    // Its job is skipped, not sent, when a later pass meets it.
    await disableWebhookEndpoint(admin, w.site.id, endpoint.id);
    await deliverDueJobs({ worker });
    expect(await webhookJobs(endpoint.id)).toMatchObject([{ status: "done", lastError: "skipped: endpoint disabled or removed" }]);
  });
});
