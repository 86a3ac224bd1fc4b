import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorForUser } from "@/lib/auth/actor";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { createSite } from "@/lib/sites/create-site";
import { createTicketFromSdk } from "@/lib/tickets/create-ticket";
import { getOwnTicket, listOwnTickets } from "@/lib/tickets/ticket-views";
import { grantRole } from "@/lib/users/grants";
import { startMailbox } from "@/tests/support/mailbox";

// Finding L9: anyone holding a site's public key can file a ticket under any address. A ticket
// must not land in an existing account, staff least of all, on the strength of a typed address.
const by = { id: null, label: "test" };
const suffix = randomBytes(4).toString("hex");
let mailbox: Awaited<ReturnType<typeof startMailbox>>;
let site: { id: string; publicKey: string };

// The outbox sends the ticket's email after the ticket commits: wait for it, then read them all.
async function mailsTo(email: string) {
  await mailbox.waitFor({ to: email });
  return mailbox.to(email);
}

const ticketInput = (email: string) => ({ email, subject: "Refund, click https://evil.example/login", message: "Forged", sessionId: null });

beforeAll(async () => {
  mailbox = await startMailbox(env().MAILBOX_SMTP_PORT);
  site = await createSite({ name: "Claims shop", origins: ["https://claims.example"], by });
});

afterAll(async () => {
  await mailbox.close();
});

describe("SDK tickets and existing accounts (finding L9)", () => {
  it("a forged ticket for a staff address never joins the staff account", async () => {
    const email = `admin-${suffix}@t.example`;
    const { user } = await grantRole({ email, role: "admin", by });
    const admin = (await actorForUser(user.id))!;
    const { ticketId } = await createTicketFromSdk(site, ticketInput(` ${email.toUpperCase()}`));
    expect((await listOwnTickets(admin)).map((t) => t.id)).not.toContain(ticketId);
    await expect(getOwnTicket(admin, ticketId)).rejects.toMatchObject({ code: "not_found" });
    expect((await db().ticket.findUniqueOrThrow({ where: { id: ticketId } })).customerId).toBeNull();
    // The staff member hears of it, without the attacker's words or links.
    const [notice, ...more] = await mailsTo(email);
    expect(more).toEqual([]);
    expect(notice!.text).toContain("Claims shop");
    expect(notice!.text).not.toContain("evil.example");
    expect(notice!.text).not.toMatch(/\/support\/confirm/);
  });

  it("for an existing customer the ticket stays out of their /support until they confirm it from the emailed link", async () => {
    const email = `customer-${suffix}@t.example`;
    const user = await db().user.create({ data: { email } });
    const customer = (await actorForUser(user.id))!;
    const { ticketId } = await createTicketFromSdk(site, ticketInput(email));
    expect((await listOwnTickets(customer)).map((t) => t.id)).not.toContain(ticketId);
    await expect(getOwnTicket(customer, ticketId)).rejects.toMatchObject({ code: "not_found" });

    const [mail, ...more] = await mailsTo(email);
    expect(more).toEqual([]);
    expect(mail!.text).not.toContain("evil.example");
    const link = /https?:\/\/\S+\/support\/confirm#token=([A-Za-z0-9_-]+)/.exec(mail!.text);
    expect(link, mail!.text).toBeTruthy();
    const token = link![1]!;

    const { confirmTicketClaim } = await import("@/lib/tickets/confirm-ticket-claim");
    const stranger = (await actorForUser((await db().user.create({ data: { email: `stranger-${suffix}@t.example` } })).id))!;
    await expect(confirmTicketClaim(token, stranger)).rejects.toMatchObject({ code: "forbidden" });
    await expect(confirmTicketClaim("x".repeat(43), null)).rejects.toMatchObject({ code: "gone" });
    expect(await confirmTicketClaim(token, null)).toEqual({ ticketId, ticketUrl: expect.stringContaining(`/support/tickets/${ticketId}`) });
    expect((await listOwnTickets(customer)).map((t) => t.id)).toContain(ticketId);
    expect((await getOwnTicket(customer, ticketId)).messages).toEqual([expect.objectContaining({ author: "You", body: "Forged" })]);
    await expect(confirmTicketClaim(token, null)).rejects.toMatchObject({ code: "gone" });
    const audit = await db().auditEntry.findMany({ where: { targetId: ticketId }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["ticket.create", "ticket.confirm"]));
  });

  it("a new address gets its account and the ticket at once, as before, and a receipt", async () => {
    const email = `new-${suffix}@t.example`;
    const { ticketId } = await createTicketFromSdk(site, ticketInput(email));
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect((await listOwnTickets((await actorForUser(user.id))!)).map((t) => t.id)).toContain(ticketId);
    const [receipt, ...more] = await mailsTo(email);
    expect(more).toEqual([]);
    expect(receipt!.text).toContain(`/support/tickets/${ticketId}`);
    expect(receipt!.text).not.toContain("evil.example");
  });
});
