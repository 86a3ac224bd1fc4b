import { randomBytes } from "node:crypto";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/config/env";
import { startInboundSmtp } from "@/lib/inbound/smtp-server";
import { getQueueTicket } from "@/lib/tickets/ticket-views";
import { addMessage } from "@/lib/tickets/update-ticket";
import { account, newSite, staff, testEmail } from "@/tests/support/factories";
import { startMailbox } from "@/tests/support/mailbox";
import { confirmedTicketFromSdk } from "@/tests/support/tickets";

// The whole conversation by email, as issue 14 asks: a ticket is created, the agent replies on
// the desk, the customer's notification arrives at the real SMTP sink with its Reply-To, the
// customer answers that email over SMTP (quoting it, as mail clients do) and the agent sees the
// answer in the ticket's thread.

let mailbox: Awaited<ReturnType<typeof startMailbox>>;
let inbound: { close(): Promise<void> };

beforeAll(async () => {
  mailbox = await startMailbox(env().MAILBOX_SMTP_PORT);
  inbound = await startInboundSmtp({ host: "127.0.0.1", port: env().INBOUND_SMTP_PORT });
});
afterAll(async () => {
  await Promise.all([mailbox.close(), inbound.close()]);
});

// What a mail client sends when its user answers `notice`: threaded on it, its text quoted.
function answer(notice: { replyTo: string; subject: string; messageId: string; text: string }, from: string, text: string): Buffer {
  const quoted = notice.text
    .trim()
    .split("\n")
    .map((l) => `> ${l}`)
    .join("\r\n");
  return Buffer.from(
    [
      `From: Customer <${from}>`,
      `To: ${notice.replyTo}`,
      `Subject: Re: ${notice.subject}`,
      `Message-ID: <${randomBytes(8).toString("hex")}@customer.test>`,
      `In-Reply-To: ${notice.messageId}`,
      `References: ${notice.messageId}`,
      "Content-Type: text/plain; charset=utf-8",
      "",
      text,
      "",
      `On Mon, 30 Nov 2026 at 21:00, Replaydesk <${notice.replyTo}> wrote:`,
      quoted,
      "",
    ].join("\r\n"),
  );
}

describe("a support conversation by email", () => {
  it("ticket → agent's reply on the desk → notification with Reply-To → the customer's emailed answer → in the agent's thread", async () => {
    const site = await newSite("Conversation shop", ["https://conversation-shop.example"]);
    const customer = await account(testEmail("conv-customer"));
    const agent = await staff("conv-agent", "agent", site.id);
    const { ticketId } = await confirmedTicketFromSdk(site, { email: customer.email, subject: "The delivery page fails", message: "It shows an error", sessionId: null });

    const before = await mailbox.files();
    await addMessage(agent, ticketId, "We fixed the delivery page. Could you try again?", "queue");
    const notice = await mailbox.waitFor({ to: customer.email, after: before, text: /We fixed the delivery page/ });
    expect(notice.replyTo).toMatch(/^reply\+[a-z2-7]{32}@/);

    const transport = nodemailer.createTransport({ host: "127.0.0.1", port: env().INBOUND_SMTP_PORT, secure: false, ignoreTLS: true });
    try {
      await transport.sendMail({ envelope: { from: customer.email, to: [notice.replyTo] }, raw: answer(notice, customer.email, "Thanks, it works now.") });
    } finally {
      transport.close();
    }

    const thread = await getQueueTicket(agent, ticketId);
    expect(thread.messages.map((m) => [m.authorRole, m.body])).toEqual([
      ["customer", "It shows an error"],
      ["agent", "We fixed the delivery page. Could you try again?"],
      ["customer", "Thanks, it works now."],
    ]);
  });
});
