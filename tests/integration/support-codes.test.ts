// Issue 13, point 2: support codes. The SDK gets a code for its triggered recording; an agent (or a
// helpdesk's ticket.created) links that recording to a ticket with it; the code dies with it.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as issueRoute } from "@/app/api/v1/support-codes/route";
import { POST as helpdeskRoute } from "@/app/api/v1/helpdesk/[connectionId]/webhook/route";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { connectHelpdesk } from "@/lib/helpdesk/connections";
import { deleteRecording } from "@/lib/recordings/delete-recording";
import { linkTicketBySupportCode } from "@/lib/support-codes/support-codes";
import { newRecording, newSite, staff } from "@/tests/support/factories";
import { signedHeaders } from "@/tests/support/helpdesk";
import { giveConsent, postBatch, firstBatch, sdkRequest, recordVisit } from "@/tests/support/sdk-calls";

const ORIGIN = "https://codes-shop.example";
const CODE = /^RD-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
const cli = { id: null, label: "test" };

type Site = { id: string; publicKey: string };
const issue = (site: Site, sessionId: string, origin = ORIGIN) => issueRoute(sdkRequest("/api/v1/support-codes", origin, { siteKey: site.publicKey, sessionId }));

async function codeFor(site: Site, sessionId: string): Promise<string> {
  const res = await issue(site, sessionId);
  expect(res.status).toBe(201);
  expect(res.headers.get("access-control-allow-origin")).toBe(ORIGIN);
  const { code } = (await res.json()) as { code: string };
  expect(code).toMatch(CODE);
  return code;
}

// A recording the SDK uploaded after Replaydesk.supportCode() (trigger kind "code"), and its code.
async function codedRecording(site: Site) {
  const made = await newRecording(site, ORIGIN, { trigger: { reason: "code", kind: "code" } });
  return { ...made, code: await codeFor(site, made.sessionId) };
}

const newTicket = (site: Site) => db().ticket.create({ data: { siteId: site.id, subject: "Called about a failed payment" } });
const linkedTo = async (recordingId: string) => (await db().recording.findUnique({ where: { id: recordingId }, select: { ticketId: true } }))?.ticketId;

// What POST /api/v1/desk/tickets/:id/support-code calls for a signed-in agent.
function deskPost(actor: Actor, ticketId: string, code: string) {
  return linkTicketBySupportCode(actor, ticketId, code);
}

let agent: Actor;
beforeAll(async () => {
  agent = await staff("codes-agent", "agent");
});

describe("issuing a support code (POST /api/v1/support-codes)", () => {
  it("new sites enable the code trigger; a triggered recording gets a code, stored only as a keyed hash", async () => {
    const site = await newSite("Codes", [ORIGIN]);
    expect(site.triggers).toEqual(["ticket", "code"]);
    const { recordingId, code } = await codedRecording(site);
    const row = await db().recording.findUniqueOrThrow({ where: { id: recordingId }, select: { supportCodeHash: true, triggerKind: true } });
    expect(row.triggerKind).toBe("code");
    expect(row.supportCodeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.supportCodeHash).not.toContain(code.replace(/-/g, ""));
    const audit = await db().auditEntry.findMany({ where: { targetId: recordingId, action: "recording.support-code" } });
    expect(audit).toHaveLength(1);
  });

  it("asking again gives a new code and the old one stops working", async () => {
    const site = await newSite("Codes again", [ORIGIN]);
    const { sessionId, code } = await codedRecording(site);
    const second = await codeFor(site, sessionId);
    expect(second).not.toBe(code);
    const ticket = await newTicket(site);
    await expect(deskPost(await staff("codes-again", "agent"), ticket.id, code)).rejects.toThrow(/No recording has this support code/);
  });

  it("refuses a session without a triggered recording, another site's key or origin, a site without the code trigger", async () => {
    const site = await newSite("Codes refused", [ORIGIN]);
    const other = await newSite("Codes other", ["https://other-codes.example"]);
    // Consent only: nothing uploaded.
    const { sessionId: nothing } = await giveConsent(site, ORIGIN);
    expect((await issue(site, nothing)).status).toBe(404);
    // Streaming site: uploaded but never triggered.
    await db().site.update({ where: { id: other.id }, data: { recordingMode: "stream", allowedOrigins: [ORIGIN, "https://other-codes.example"] } });
    const untriggered = await recordVisit(other, ORIGIN, { trigger: undefined });
    expect((await issue(other, untriggered.sessionId)).status).toBe(404);

    const { sessionId } = await newRecording(site, ORIGIN, { trigger: { reason: "code", kind: "code" } });
    expect((await issue(site, sessionId, "https://evil.example")).status).toBe(403);
    expect((await issue(other, sessionId)).status).toBe(404);

    await db().site.update({ where: { id: site.id }, data: { triggers: ["ticket"] } });
    const refused = await issue(site, sessionId);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/"code" trigger/);
    // Nor may an upload claim the code trigger there.
    const session = await giveConsent(site, ORIGIN);
    expect((await postBatch(ORIGIN, firstBatch(site, ORIGIN, session, { trigger: { reason: "code", kind: "code" } }))).status).toBe(403);
  });
});

describe("linking by support code (desk)", () => {
  it("links the recording, however the code is typed, audited, with a ticket.linked event", async () => {
    const site = await newSite("Codes desk", [ORIGIN]);
    await db().webhookEndpoint.create({ data: { siteId: site.id, url: "https://hooks.example/codes", secretSealed: "sealed-x", events: ["ticket.linked"] } });
    const { recordingId, code } = await codedRecording(site);
    const ticket = await newTicket(site);
    const typed = ` ${code.toLowerCase().replace(/-/g, " ").replace(/0/g, "o").replace(/1/g, "l")} `;
    expect(await deskPost(agent, ticket.id, typed)).toEqual({ recordingId, linked: true });
    expect(await linkedTo(recordingId)).toBe(ticket.id);
    const audit = await db().auditEntry.findFirstOrThrow({ where: { targetId: recordingId, action: "recording.link" } });
    expect(audit).toMatchObject({ actorId: agent.userId });
    const jobs = await db().job.findMany({ where: { kind: "webhook", ticketId: ticket.id } });
    expect(jobs.map((j) => (j.payload as { event: { type: string; data: unknown } }).event)).toEqual([
      expect.objectContaining({ type: "ticket.linked", data: { siteId: site.id, ticketId: ticket.id, recordingId } }),
    ]);
    // Again on the same ticket: nothing to do; on another ticket: refused.
    expect(await deskPost(agent, ticket.id, code)).toEqual({ recordingId, linked: false });
    await expect(deskPost(agent, (await newTicket(site)).id, code)).rejects.toMatchObject({ code: "conflict" });
  });

  it("refuses a closed ticket, whose recordings are already on their way out", async () => {
    const site = await newSite("Codes closed", [ORIGIN]);
    const { recordingId, code } = await codedRecording(site);
    const closed = await db().ticket.create({ data: { siteId: site.id, subject: "Done", status: "closed" } });
    await expect(deskPost(await staff("codes-closed", "agent"), closed.id, code)).rejects.toMatchObject({ code: "conflict", message: /closed/ });
    expect(await linkedTo(recordingId)).toBeNull();
  });

  it("a wrong code, another site's code and a deleted recording's code are the same 404", async () => {
    const site = await newSite("Codes 404", [ORIGIN]);
    const other = await newSite("Codes 404 other", [ORIGIN]);
    const { recordingId, code } = await codedRecording(site);
    const otherTicket = await newTicket(other);
    const who = await staff("codes-404", "agent");
    const notFound = { code: "not_found", message: "No recording has this support code (codes expire with their recording)." };
    await expect(deskPost(who, otherTicket.id, code)).rejects.toMatchObject(notFound);
    await expect(deskPost(who, otherTicket.id, "RD-0000-0000")).rejects.toMatchObject(notFound);
    await expect(deskPost(who, otherTicket.id, "not a code")).rejects.toMatchObject(notFound);

    await deleteRecording({ recordingId, reason: "retention", dueAt: new Date() });
    await expect(deskPost(who, (await newTicket(site)).id, code)).rejects.toMatchObject(notFound);
    expect(await db().recording.count({ where: { supportCodeHash: { not: null }, siteId: site.id } })).toBe(0);
  });

  it("is rate limited per agent, and only on tickets the agent may reply to", async () => {
    const site = await newSite("Codes limit", [ORIGIN]);
    const ticket = await newTicket(site);
    const elsewhere = await staff("codes-elsewhere", "agent", (await newSite("Codes elsewhere", [ORIGIN])).id);
    await expect(deskPost(elsewhere, ticket.id, "RD-0000-0000")).rejects.toMatchObject({ code: "not_found", message: "No such ticket." });
    const who = await staff("codes-limit", "agent");
    for (let i = 0; i < 10; i++) await expect(deskPost(who, ticket.id, "RD-0000-0000")).rejects.toMatchObject({ code: "not_found" });
    await expect(deskPost(who, ticket.id, "RD-0000-0000")).rejects.toMatchObject({ code: "rate_limited" });
  });
});

describe("linking by support code (helpdesk ticket.created)", () => {
  async function sendCreated(kind: "generic" | "chatwoot", site: Site, payload: unknown) {
    const connection = await connectHelpdesk(cli, { site: site.id, kind });
    const body = JSON.stringify(payload);
    const res = await helpdeskRoute(new Request(`http://localhost/api/v1/helpdesk/${connection.id}/webhook`, { method: "POST", body, headers: { "content-type": "application/json", ...signedHeaders(kind, body, connection.secret) } }), {
      params: Promise.resolve({ connectionId: connection.id }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { ticketId: string }).ticketId;
  }

  it("generic: data.supportCode links the recording to the created ticket", async () => {
    const site = await newSite("Codes generic", [ORIGIN]);
    const { recordingId, code } = await codedRecording(site);
    const ticketId = await sendCreated("generic", site, { type: "ticket.created", data: { externalId: `T-${Date.now()}`, url: "https://help.example/t/1", supportCode: code } });
    expect(await linkedTo(recordingId)).toBe(ticketId);
    expect(await db().auditEntry.findFirst({ where: { targetId: recordingId, action: "recording.link" } })).toMatchObject({ actorLabel: "helpdesk:generic" });
  });

  it("chatwoot: the conversation's replaydesk_code attribute links it; a wrong code still creates the ticket", async () => {
    const site = await newSite("Codes chatwoot", [ORIGIN]);
    const { recordingId, code } = await codedRecording(site);
    const ticketId = await sendCreated("chatwoot", site, { event: "conversation_created", id: Math.floor(Math.random() * 1e9), custom_attributes: { replaydesk_code: code }, meta: { sender: {} } });
    expect(await linkedTo(recordingId)).toBe(ticketId);
    const orphan = await sendCreated("chatwoot", site, { event: "conversation_created", id: Math.floor(Math.random() * 1e9), custom_attributes: { replaydesk_code: "RD-0000-0000" }, meta: { sender: {} } });
    expect(await db().ticket.findUnique({ where: { id: orphan } })).not.toBeNull();
    expect(await db().auditEntry.findFirst({ where: { targetId: orphan, action: "recording.link-refused" } })).toMatchObject({ actorLabel: "helpdesk:chatwoot" });
  });
});
