import { mkdtempSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorForUser, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { startMailCatcher } from "@/lib/mail/catcher";
import { createSite } from "@/lib/sites/create-site";
import { rotateVaultKey } from "@/lib/sites/vault-keys";
import { grantRole } from "@/lib/users/grants";
import { createTicketFromSdk } from "@/lib/tickets/create-ticket";
import { requestReveal } from "@/lib/reveal/request-reveal";
import { decideReveal, lookupReveal, withdrawReveal } from "@/lib/reveal/decide-reveal";
import { validateUnmask } from "@/lib/reveal/validate-unmask";
import { loadRecordingPage } from "@/lib/reveal/watch-recording";
import { updateQueueTicket } from "@/lib/tickets/update-ticket";
import { getQueueTicket } from "@/lib/tickets/ticket-views";
import { sealBytes, toBase64 } from "@/lib/crypto/seal";
import { recordVisit } from "@/tests/support/sdk-calls";

const ORIGIN = "https://reveal-shop.example";
const SECRET = "ZEPHYR-QUARTZ-7731";
const by = { id: null, label: "test" };
const suffix = randomBytes(4).toString("hex");
const mailDir = mkdtempSync(path.join(os.tmpdir(), "rd-reveal-mail-"));
let catcher: { close(): Promise<void> };
let site: { id: string; publicKey: string };
let agent: Actor, otherAgent: Actor, supervisor: Actor, customer: Actor, stranger: Actor;

async function actor(email: string, role?: "agent" | "supervisor" | "admin") {
  const user = role ? (await grantRole({ email, role, by })).user : await db().user.create({ data: { email } });
  return (await actorForUser(user.id))!;
}

function snapshot(text: string) {
  return {
    type: 2, timestamp: Date.now(),
    data: { node: { type: 0, id: 1, childNodes: [{ type: 2, id: 2, tagName: "html", attributes: {}, childNodes: [{ type: 2, id: 3, tagName: "body", attributes: {}, childNodes: [{ type: 3, id: 4, textContent: text }] }] }] }, initialOffset: { left: 0, top: 0 } },
  };
}

// A recording as the SDK would upload it on an M1 site: masked events plus the sealed unmasked copy.
async function recordSession() {
  const raw = [snapshot(`Delivery note: ${SECRET}`)];
  const key = await db().vaultKey.findFirstOrThrow({ where: { siteId: site.id, retiredAt: null } });
  const vault = toBase64(await sealBytes(key.publicKey, gzipSync(JSON.stringify(raw))));
  const { sessionId } = await recordVisit(site, ORIGIN, { events: raw, vault, page: { url: `${ORIGIN}/checkout` } });
  const ticket = await createTicketFromSdk(site, { email: customer.email, subject: "Payment fails", message: "It says error", sessionId });
  const recording = await db().recordedSession.findFirstOrThrow({ where: { sessionKey: sessionId } });
  return { ticketId: ticket.ticketId, recordingId: recording.id };
}

async function lastTokenFor(email: string, after: number) {
  const names = (await readdir(mailDir)).sort();
  expect(names.length).toBeGreaterThan(after);
  const mail = await simpleParser(await readFile(path.join(mailDir, names.at(-1)!)));
  expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : "").toContain(email);
  const token = /#token=([A-Za-z0-9_-]+)&decision=approve/.exec(mail.text ?? "")?.[1];
  expect(token).toBeTruthy();
  return { token: token!, text: mail.text ?? "", html: typeof mail.html === "string" ? mail.html : "" };
}
const mailCount = async () => (await readdir(mailDir)).length;

beforeAll(async () => {
  catcher = await startMailCatcher({ port: env().MAILBOX_SMTP_PORT, dir: mailDir });
  site = await createSite({ name: "Reveal shop", origins: [ORIGIN], by });
  await db().site.update({ where: { id: site.id }, data: { maskingMode: "M1" } });
  const admin = await actor(`admin-${suffix}@t.example`, "admin");
  await rotateVaultKey(admin, site.id);
  agent = await actor(`agent-${suffix}@t.example`, "agent");
  otherAgent = await actor(`agent2-${suffix}@t.example`, "agent");
  supervisor = await actor(`sup-${suffix}@t.example`, "supervisor");
  customer = await actor(`customer-${suffix}@t.example`);
  stranger = await actor(`stranger-${suffix}@t.example`);
});

afterAll(async () => {
  await catcher.close();
});

describe("reveal only after the customer approves", () => {
  it("walks request → email → approval → masked view → M1 validation → unmasked view → withdrawal", async () => {
    const { ticketId, recordingId } = await recordSession();
    await expect(loadRecordingPage(agent, recordingId, "masked", -1)).rejects.toThrow(/not approved/);

    const before = await mailCount();
    await expect(requestReveal(agent, { ticketId, recordingId, scope: "unmasked", justification: "To see the failing payment step" })).resolves.toBeDefined();
    const mail = await lastTokenFor(customer.email, before);
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
    const reveal = await db().revealRequest.findFirstOrThrow({ where: { sessionId: recordingId } });
    await expect(validateUnmask(agent, reveal.id)).rejects.toThrow();
    await validateUnmask(supervisor, reveal.id);
    const unmasked = await loadRecordingPage(agent, recordingId, "unmasked", -1);
    expect(JSON.stringify(unmasked.events)).toContain(SECRET);

    // Neither the requester nor the assignee: refused.
    await expect(loadRecordingPage(otherAgent, recordingId, "masked", -1)).rejects.toThrow(/not approved/);
    await updateQueueTicket(otherAgent, ticketId, { assignee: "me" });
    await expect(loadRecordingPage(otherAgent, recordingId, "masked", -1)).resolves.toBeDefined();

    await withdrawReveal(customer, reveal.id);
    await expect(loadRecordingPage(agent, recordingId, "masked", -1)).rejects.toThrow(/not approved/);
    await expect(loadRecordingPage(otherAgent, recordingId, "masked", -1)).rejects.toThrow(/not approved/);

    const actions = (await db().auditEntry.findMany({ where: { OR: [{ targetId: reveal.id }, { targetId: recordingId }] }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["reveal.request", "reveal.email-sent", "reveal.approve", "replay.view", "unmask.validate", "unmask.view", "replay.view", "reveal.withdraw"]);
  });

  it("refuses declined requests, expired tokens, M3 unmasking, closed tickets and customers of other tickets", async () => {
    const { ticketId, recordingId } = await recordSession();
    let before = await mailCount();
    await requestReveal(agent, { ticketId, recordingId, scope: "masked", justification: "To see where the payment fails" });
    const declined = await lastTokenFor(customer.email, before);
    await expect(requestReveal(agent, { ticketId, recordingId, scope: "masked", justification: "Asking a second time" })).rejects.toThrow(/already waiting/);
    await decideReveal(declined.token, "decline", null);
    await expect(loadRecordingPage(agent, recordingId, "masked", -1)).rejects.toThrow(/not approved/);

    before = await mailCount();
    await requestReveal(agent, { ticketId, recordingId, scope: "masked", justification: "To see where the payment fails" });
    const late = await lastTokenFor(customer.email, before);
    const in73h = new Date(Date.now() + 73 * 3600_000);
    await expect(decideReveal(late.token, "approve", null, in73h)).rejects.toThrow(/expired/);

    await expect(withdrawReveal(stranger, (await db().revealRequest.findFirstOrThrow({ where: { sessionId: recordingId } })).id)).rejects.toThrow(/No such request/);

    await db().site.update({ where: { id: site.id }, data: { maskingMode: "M3" } });
    const m3 = await recordSession();
    await expect(requestReveal(agent, { ticketId: m3.ticketId, recordingId: m3.recordingId, scope: "unmasked", justification: "Need to read the typed address" })).rejects.toThrow(/M3/);
    await db().site.update({ where: { id: site.id }, data: { maskingMode: "M1" } });

    // An agent whose grant covers another site does not even see the ticket.
    const elsewhere = await createSite({ name: "Elsewhere", origins: ["https://elsewhere.example"], by });
    const scoped = (await grantRole({ email: `scoped-${suffix}@t.example`, role: "agent", by, siteId: elsewhere.id })).user;
    const scopedAgent = (await actorForUser(scoped.id))!;
    await expect(getQueueTicket(scopedAgent, ticketId)).rejects.toThrow(/No such ticket/);
    await expect(loadRecordingPage(scopedAgent, recordingId, "masked", -1)).rejects.toThrow(/No such recording/);
    await expect(requestReveal(scopedAgent, { ticketId, recordingId, scope: "masked", justification: "Not my site at all" })).rejects.toThrow(/No such ticket/);

    await updateQueueTicket(agent, ticketId, { status: "closed" });
    await expect(requestReveal(agent, { ticketId, recordingId, scope: "masked", justification: "After closing the ticket" })).rejects.toThrow(/closed/);
  });
});
