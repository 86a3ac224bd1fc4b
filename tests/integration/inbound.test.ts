import { readFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { startInboundSmtp, startInboundSmtpFor } from "@/lib/inbound/smtp-server";
import { replyAddressFor } from "@/lib/mail/reply-address";
import { revokeRole } from "@/lib/users/grants";
import { account, newSite, staff, testEmail, uniqueSuffix } from "@/tests/support/factories";
import { inboundFixture } from "@/tests/support/inbound-mail";
import { startMailbox } from "@/tests/support/mailbox";

// Replies by email over loopback SMTP to the inbound server, through the whole pipeline
// (lib/inbound): what lands, as whom, and everything that must create nothing.

let inbound: { close(): Promise<void> };
let mailbox: Awaited<ReturnType<typeof startMailbox>>;
const port = () => env().INBOUND_SMTP_PORT;

// What the server decided on each message, as it logs it (counts and reasons, never an address):
// a test of "nothing created" also checks that it was for the reason it is about.
let decided: string[] = [];
beforeEach(() => {
  decided = [];
  vi.spyOn(console, "log").mockImplementation((line: unknown) => {
    const outcome = /^\[replaydesk\] inbound mail: (.*)$/.exec(String(line))?.[1];
    if (outcome) decided.push(outcome);
  });
});

beforeAll(async () => {
  inbound = await startInboundSmtp({ host: "127.0.0.1", port: port() });
  mailbox = await startMailbox(env().MAILBOX_SMTP_PORT);
});
afterAll(async () => {
  await Promise.all([inbound.close(), mailbox.close()]);
});

// Resolves once the server answered the message (it answers after storing or dropping it).
async function deliver(raw: Buffer, envelope: { from: string; to: string[] }) {
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port: port(), secure: false, ignoreTLS: true });
  try {
    return await transport.sendMail({ envelope, raw });
  } finally {
    transport.close();
  }
}

async function world() {
  const site = await newSite("Inbound shop", ["https://inbound-shop.example"]);
  const customer = await account(testEmail("inbound-customer"));
  const agent = await staff("inbound-agent", "agent", site.id);
  const ticket = await db().ticket.create({ data: { siteId: site.id, customerId: customer.userId, subject: "The parcel page fails", status: "pending" } });
  const customerAddress = await replyAddressFor(db(), ticket.id, customer.userId);
  const agentAddress = await replyAddressFor(db(), ticket.id, agent.userId);
  return { site, customer, agent, ticket, customerAddress, agentAddress };
}

const messagesOf = (ticketId: string) => db().ticketMessage.findMany({ where: { ticketId }, orderBy: { createdAt: "asc" } });

// A fixture from `who` to `address`, delivered with a matching envelope.
const reply = (fixture: string, who: Actor, address: string, ticketId: string) =>
  deliver(inboundFixture(fixture, { FROM: who.email, TO: address, TICKET: ticketId }), { from: who.email, to: [address] });

describe("replies by email over SMTP", () => {
  it("a customer's reply lands as theirs, via email, quoted text stripped; the ticket reopens; audited without the body", async () => {
    const { customer, ticket, customerAddress } = await world();
    await reply("gmail", customer, customerAddress, ticket.id);
    const [message, ...rest] = await messagesOf(ticket.id);
    expect(rest).toEqual([]);
    expect(message).toMatchObject({ authorId: customer.userId, authorRole: "customer", via: "email", body: "Thanks, the parcel page works again now.\nI still see the old address on the invoice though." });
    expect((await db().ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("open");
    const audit = await db().auditEntry.findMany({ where: { targetId: ticket.id, action: "ticket.reply-by-email" } });
    expect(audit.map((a) => [a.actorLabel, JSON.parse(a.details) as unknown])).toEqual([["customer", { messageId: message!.id, as: "customer" }]]);
    expect(audit[0]!.details).not.toContain("parcel");
    expect(decided).toEqual(["landed"]);
  });

  it("an agent's reply lands as the agent's", async () => {
    const { agent, ticket, agentAddress } = await world();
    await reply("outlook", agent, agentAddress, ticket.id);
    expect(await messagesOf(ticket.id)).toMatchObject([{ authorId: agent.userId, authorRole: "agent", via: "email", body: expect.stringContaining("The checkout button still does nothing") as unknown }]);
    expect(decided).toEqual(["landed"]);
  });

  it("an agent who may no longer reply on the ticket's site lands nothing", async () => {
    const { agent, ticket, agentAddress } = await world();
    await revokeRole({ email: agent.email, role: "agent", by: { id: null, label: "test" } });
    await reply("outlook", agent, agentAddress, ticket.id);
    expect(await messagesOf(ticket.id)).toEqual([]);
    expect(decided).toEqual(["ignored (not-allowed)"]);
  });

  it("a From other than the token's recipient creates nothing, even another party of the same ticket", async () => {
    const { agent, customer, ticket, customerAddress } = await world();
    const stranger = await account(testEmail("inbound-stranger"));
    await reply("gmail", stranger, customerAddress, ticket.id);
    // The agent writing to the customer's reply address.
    await reply("gmail", agent, customerAddress, ticket.id);
    // The customer's address in the envelope, a stranger in the From header.
    await deliver(inboundFixture("signature", { FROM: stranger.email, TO: customerAddress }), { from: customer.email, to: [customerAddress] });
    expect(await messagesOf(ticket.id)).toEqual([]);
    expect(decided).toEqual(Array(3).fill("ignored (sender-mismatch)"));
  });

  it("an unknown or expired token creates nothing; a recipient that is not a reply address is refused at RCPT with 550", async () => {
    const { customer, ticket, customerAddress } = await world();
    const unknown = customerAddress.replace(/reply\+[a-z2-7]{4}/, "reply+aaaa");
    await reply("signature", customer, unknown, ticket.id);
    await db().replyAddress.updateMany({ where: { ticketId: ticket.id, userId: customer.userId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await reply("signature", customer, customerAddress, ticket.id);
    expect(await messagesOf(ticket.id)).toEqual([]);
    const relay = deliver(inboundFixture("signature", { FROM: customer.email, TO: "someone@elsewhere.test" }), { from: customer.email, to: ["someone@elsewhere.test"] });
    await expect(relay).rejects.toMatchObject({ responseCode: 550 });
    expect(decided).toEqual(Array(2).fill("ignored (unknown-recipient)"));
  });

  it("auto-replies, bulk mail and null-sender auto-replies create nothing", async () => {
    const { customer, ticket, customerAddress } = await world();
    await reply("auto-reply", customer, customerAddress, ticket.id);
    const bulk = inboundFixture("signature", { FROM: customer.email, TO: customerAddress }).toString().replace("Subject:", "Precedence: bulk\r\nSubject:");
    await deliver(Buffer.from(bulk), { from: customer.email, to: [customerAddress] });
    await deliver(inboundFixture("auto-reply", { FROM: customer.email, TO: customerAddress }), { from: "", to: [customerAddress] });
    expect(await messagesOf(ticket.id)).toEqual([]);
    expect((await db().user.findUniqueOrThrow({ where: { id: customer.userId } })).emailBouncedAt).toBeNull();
    expect(decided).toEqual(Array(3).fill("ignored (loop)"));
  });

  it("a bounce marks the reply address's recipient and creates no message; a report about someone else marks nobody", async () => {
    const { customer, ticket, customerAddress } = await world();
    const other = await account(testEmail("inbound-other"));
    await deliver(inboundFixture("bounce", { TO: customerAddress, FAILED: other.email }), { from: "", to: [customerAddress] });
    expect((await db().user.findUniqueOrThrow({ where: { id: customer.userId } })).emailBouncedAt).toBeNull();
    expect((await db().user.findUniqueOrThrow({ where: { id: other.userId } })).emailBouncedAt).toBeNull();
    await deliver(inboundFixture("bounce", { TO: customerAddress, FAILED: customer.email.toUpperCase() }), { from: "", to: [customerAddress] });
    expect((await db().user.findUniqueOrThrow({ where: { id: customer.userId } })).emailBouncedAt).not.toBeNull();
    expect(await messagesOf(ticket.id)).toEqual([]);
    expect(decided).toEqual(["ignored (bounce-other-recipient)", "bounce-recorded"]);
  });

  it("a retried delivery (same Message-ID) lands once", async () => {
    const { customer, ticket, customerAddress } = await world();
    const raw = inboundFixture("signature", { FROM: customer.email, TO: customerAddress });
    await deliver(raw, { from: customer.email, to: [customerAddress] });
    await deliver(raw, { from: customer.email, to: [customerAddress] });
    expect(await messagesOf(ticket.id)).toHaveLength(1);
    expect(decided).toEqual(["landed", "ignored (duplicate)"]);
  });

  it("a reply whose In-Reply-To or References name another ticket creates nothing", async () => {
    const { customer, ticket, customerAddress, site } = await world();
    const other = await db().ticket.create({ data: { siteId: site.id, customerId: customer.userId, subject: "Another one" } });
    await reply("gmail", customer, customerAddress, other.id);
    // By the Message-ID of a mail the outbox sent about the other ticket.
    const sentId = `<${uniqueSuffix()}@replaydesk.test>`;
    await db().job.create({ data: { kind: "mail", payload: {}, status: "done", messageId: sentId, ticketId: other.id } });
    const raw = inboundFixture("signature", { FROM: customer.email, TO: customerAddress }).toString().replace("Subject:", `In-Reply-To: ${sentId}\r\nSubject:`);
    await deliver(Buffer.from(raw), { from: customer.email, to: [customerAddress] });
    expect(await messagesOf(ticket.id)).toEqual([]);
    expect(await messagesOf(other.id)).toEqual([]);
    expect(decided).toEqual(Array(2).fill("ignored (misdirected)"));
  });

  it("a reply that is only quoted history creates nothing", async () => {
    const { customer, ticket, customerAddress } = await world();
    const raw = inboundFixture("signature", { FROM: customer.email, TO: customerAddress }).toString().replace("Yes, please close the request, it is solved.", "> quoted only");
    await deliver(Buffer.from(raw), { from: customer.email, to: [customerAddress] });
    expect(await messagesOf(ticket.id)).toEqual([]);
    expect(decided).toEqual(["ignored (empty)"]);
  });

  it("attachments: nothing lands; the sender alone is told, in their language, marked auto-replied, once an hour per ticket", async () => {
    const { customer, ticket, customerAddress } = await world();
    await db().user.update({ where: { id: customer.userId }, data: { locale: "fr" } });
    const refusals = () => db().job.count({ where: { dedupeKey: { startsWith: `attachments-refused:${ticket.id}:` } } });
    // Token and From disagree: no answer to anyone.
    const stranger = await account(testEmail("inbound-stranger"));
    await reply("attachment", stranger, customerAddress, ticket.id);
    expect(await refusals()).toBe(0);

    const before = await mailbox.files();
    await reply("attachment", customer, customerAddress, ticket.id);
    const refusal = await mailbox.waitFor({ to: customer.email, after: before, subject: /pièces jointes refusées/ });
    expect(refusal.text).toContain(`/support/tickets/${ticket.id}`);
    expect(refusal.replyTo).toBe(customerAddress);
    expect(await readFile(path.join(mailbox.dir, refusal.file), "utf8")).toMatch(/^Auto-Submitted: auto-replied$/m);

    await reply("attachment", customer, customerAddress, ticket.id);
    expect(await refusals()).toBe(1);
    expect(await messagesOf(ticket.id)).toEqual([]);
    expect(decided).toEqual(["ignored (sender-mismatch)", "attachments-refused", "attachments-refused"]);
    expect(await mailbox.to(customer.email, /pièces jointes/)).toHaveLength(1);
  });

  it("a message over 10 MB is refused with 552", async () => {
    const { customer, customerAddress } = await world();
    const raw = inboundFixture("signature", { FROM: customer.email, TO: customerAddress }).toString().replace("Yes, please", `${"x".repeat(76)}\r\n`.repeat(140_000));
    await expect(deliver(Buffer.from(raw), { from: customer.email, to: [customerAddress] })).rejects.toMatchObject({ responseCode: 552 });
  });

  it("only the process type INBOUND_SMTP names starts the server; a port in use is reported and the process goes on", async () => {
    expect(env().INBOUND_SMTP).toBe("app");
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    // The worker does not listen: nothing is logged, nothing thrown.
    await startInboundSmtpFor("worker");
    expect(logged).not.toHaveBeenCalled();
    // The app tries, and this suite's server already holds the port.
    await expect(startInboundSmtpFor("app")).resolves.toBeUndefined();
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/replies by email are NOT received: .*the port is in use/));
  });
});
