import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { setNotificationSettings } from "@/lib/notifications/settings";
import { decideReveal } from "@/lib/reveal/decide-reveal";
import { requestReveal } from "@/lib/reveal/request-reveal";
import { addMessage, updateOwnTicket, updateQueueTicket } from "@/lib/tickets/update-ticket";
import { account, newSite, staff, testEmail, ticketWithRecording, uniqueSuffix } from "@/tests/support/factories";
import { startMailbox, type Mail } from "@/tests/support/mailbox";
import { waitUntil } from "@/tests/support/poll";
import { confirmedTicketFromSdk } from "@/tests/support/tickets";

// Every notification end to end: the state change queues it in its transaction, the outbox's
// loop (startMailbox runs it in this process) delivers it over real SMTP to the suite's catcher,
// and the mail is read back from there.

const ORIGIN = "https://notify-shop.example";
let mailbox: Awaited<ReturnType<typeof startMailbox>>;

beforeAll(async () => {
  mailbox = await startMailbox(Number(process.env.MAILBOX_SMTP_PORT ?? 2525));
});
afterAll(() => mailbox.close());

async function world(label: string) {
  const site = await newSite(`Notify ${label}`, [ORIGIN]);
  const customer = await account(testEmail(`${label}-customer`));
  const agent = await account(testEmail(`${label}-agent`), [{ role: "agent", siteId: site.id }], "Léa Martin");
  return { site, customer, agent };
}

// A ticket filed from the site's form (typed subject and message), confirmed by its customer.
async function formTicket(site: { id: string; publicKey: string }, customer: Actor) {
  const typed = { subject: `Typed subject ${uniqueSuffix()}`, message: `Typed message ${uniqueSuffix()}` };
  const { ticketId } = await confirmedTicketFromSdk(site, { email: customer.email, ...typed, sessionId: null });
  return { ticketId, typed };
}

// The mailbox once every mail queued about the ticket so far (its "received" email…) is delivered:
// a job is marked done only after the catcher stored the message.
async function settled(ticketId: string) {
  await waitUntil(async () => (await db().job.count({ where: { ticketId, status: "queued" } })) === 0, { what: "the ticket's queued mail delivered", timeoutMs: 15_000 });
  return mailbox.files();
}
const deliveredSince = async (ticketId: string, before: Set<string>) => {
  await settled(ticketId);
  return mailbox.since(before);
};
const to = (mails: Mail[], who: { email: string }) => mails.filter((m) => m.to.toLowerCase().includes(who.email.toLowerCase()));


describe("notifications", () => {
  it("an agent's reply emails the customer its text and the link, with a Reply-To of the ticket's own, and never what was typed in the form", async () => {
    const { site, customer, agent } = await world("reply");
    const { ticketId, typed } = await formTicket(site, customer);
    const before = await settled(ticketId);
    await addMessage(agent, ticketId, "Hello,\nplease try the payment again now.", "queue");
    const mails = to(await deliveredSince(ticketId, before), customer);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe(`New reply to your support request to ${site.name}`);
    expect(mail.text).toContain("Léa Martin, of");
    expect(mail.text).toContain("please try the payment again now.");
    expect(mail.text).toContain(`/support/tickets/${ticketId}`);
    expect(mail.text).not.toContain(typed.subject);
    expect(mail.text).not.toContain(typed.message);
    expect(mail.html).not.toContain(typed.subject);
    expect(mail.replyTo).toMatch(/^reply\+[a-z2-7]{32}@/);
    // The agent is not told of their own reply.
    expect(to(await mailbox.since(before), agent)).toEqual([]);
  });

  it("a customer's message emails the assigned agent, and only them", async () => {
    const { site, customer, agent } = await world("assigned");
    const watcher = await staff("assigned-watcher", "agent", site.id);
    await setNotificationSettings(watcher, { notifyOn: ["unassigned-customer-message"] });
    const { ticketId } = await formTicket(site, customer);
    await updateQueueTicket(agent, ticketId, { assignee: "me" });
    const before = await settled(ticketId);
    await addMessage(customer, ticketId, "It still fails at the last step.", "own");
    const mails = await deliveredSince(ticketId, before);
    const mine = to(mails, agent);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.subject).toBe(`A customer wrote on your ticket (${site.name})`);
    expect(mine[0]!.text).toContain("It still fails at the last step.");
    expect(mine[0]!.text).toContain(`/desk/tickets/${ticketId}`);
    expect(mine[0]!.replyTo).toMatch(/^reply\+[a-z2-7]{32}@/);
    expect(to(mails, watcher)).toEqual([]);
    expect(to(mails, customer)).toEqual([]);
  });

  it("unassigned, a customer's message emails the site's agents who opted in; preferences off, nobody", async () => {
    const { site, customer, agent } = await world("unassigned");
    const keen = await staff("unassigned-keen", "agent", site.id);
    const elsewhere = await staff("unassigned-elsewhere", "agent", (await newSite("Notify other", [ORIGIN])).id);
    await setNotificationSettings(keen, { notifyOn: ["unassigned-customer-message"] });
    await setNotificationSettings(elsewhere, { notifyOn: ["unassigned-customer-message"] });
    const { ticketId } = await formTicket(site, customer);
    let before = await settled(ticketId);
    await addMessage(customer, ticketId, "Anyone there?", "own");
    let mails = await deliveredSince(ticketId, before);
    expect(to(mails, keen).map((m) => m.subject)).toEqual([`A customer wrote on an unassigned ticket (${site.name})`]);
    expect(to(mails, agent)).toEqual([]);
    expect(to(mails, elsewhere)).toEqual([]);

    // Assigned to an agent who turned every notification off: nobody hears of it.
    await setNotificationSettings(agent, { notifyOn: [] });
    await updateQueueTicket(agent, ticketId, { assignee: "me" });
    before = await settled(ticketId);
    await addMessage(customer, ticketId, "Hello again?", "own");
    mails = await deliveredSince(ticketId, before);
    expect(to(mails, agent)).toEqual([]);
    expect(to(mails, keen)).toEqual([]);
  });

  it("closing a ticket emails its customer when its recordings are deleted; closing it oneself emails nobody", async () => {
    const { site, customer, agent } = await world("closed");
    const { ticketId } = await ticketWithRecording(site, ORIGIN, customer);
    let before = await settled(ticketId);
    await updateQueueTicket(agent, ticketId, { status: "closed" });
    const mails = to(await deliveredSince(ticketId, before), customer);
    expect(mails.map((m) => m.subject)).toEqual([`Your support request to ${site.name} is closed`]);
    // The site's default closing deletes at once.
    expect(mails[0]!.text).toContain("The recording of your visit linked to it is deleted now");
    expect(mails[0]!.text).toMatch(/kept until .* \(UTC\)/);
    expect(mails[0]!.replyTo).toMatch(/^reply\+/);

    await updateOwnTicket(customer, ticketId, { status: "open" });
    await updateOwnTicket(customer, ticketId, { status: "closed" });
    before = await settled(ticketId);
    expect(to(await deliveredSince(ticketId, before), customer)).toEqual([]);
  });

  it("the customer's answer to a request to view a recording emails the agent who asked", async () => {
    const { site, customer, agent } = await world("reveal");
    const { ticketId, recordingId } = await ticketWithRecording(site, ORIGIN, customer);
    let before = await settled(ticketId);
    await requestReveal(agent, { ticketId, recordingId, scope: "masked", justification: "To see the failing step" });
    const approval = await mailbox.waitForApproval(customer.email, before);
    before = await settled(ticketId);
    await decideReveal(approval.token, "approve", null);
    const mails = to(await deliveredSince(ticketId, before), agent);
    expect(mails.map((m) => m.subject)).toEqual([`Viewing approved (${site.name})`]);
    expect(mails[0]!.text).toMatch(/You alone may watch it, until .* at the latest/);
    expect(mails[0]!.text).toContain(`/desk/tickets/${ticketId}`);
  });

  it("a deactivated account or a bouncing address is emailed nothing", async () => {
    const { site, customer, agent } = await world("unreachable");
    const { ticketId } = await formTicket(site, customer);
    await updateQueueTicket(agent, ticketId, { assignee: "me" });
    await db().user.update({ where: { id: customer.userId }, data: { emailBouncedAt: new Date() } });
    await db().user.update({ where: { id: agent.userId }, data: { deactivatedAt: new Date() } });
    const colleague = await staff("unreachable-colleague", "agent", site.id);
    const before = await settled(ticketId);
    await addMessage(colleague, ticketId, "We are on it.", "queue");
    await addMessage(customer, ticketId, "Thanks.", "own");
    const mails = await deliveredSince(ticketId, before);
    expect(to(mails, customer)).toEqual([]);
    expect(to(mails, agent)).toEqual([]);

    // The same reply reaches the customer once the address is known to work again.
    await db().user.update({ where: { id: customer.userId }, data: { emailBouncedAt: null } });
    const after = await settled(ticketId);
    await addMessage(colleague, ticketId, "Fixed now.", "queue");
    expect(to(await deliveredSince(ticketId, after), customer)).toHaveLength(1);
  });
});
