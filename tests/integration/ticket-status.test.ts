import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { addMessage, updateOwnTicket, updateQueueTicket } from "@/lib/tickets/update-ticket";
import { account, newSite, staff, testEmail } from "@/tests/support/factories";

async function world() {
  const site = await newSite("Status shop", ["https://status-shop.example"]);
  const customer = await account(testEmail("status-customer"));
  const agent = await staff("status-agent", "agent");
  return { site, customer, agent };
}

const newTicket = (siteId: string, customer: Actor, status: "open" | "pending" | "closed") =>
  db().ticket.create({ data: { siteId, customerId: customer.userId, subject: "Where is my parcel", status, closedAt: status === "closed" ? new Date() : null } });

const entriesFor = (ticketId: string) => db().auditEntry.findMany({ where: { targetType: "ticket", targetId: ticketId }, orderBy: { seq: "asc" } });

describe("ticket status changes", () => {
  it("a customer's reply reopens a pending or closed ticket, audited as ticket.reopen", async () => {
    const { site, customer } = await world();
    for (const from of ["pending", "closed"] as const) {
      const ticket = await newTicket(site.id, customer, from);
      const now = new Date();
      await addMessage(customer, ticket.id, "Any news?", "own", now);
      expect(await db().ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: "open", closedAt: null });
      const entries = await entriesFor(ticket.id);
      expect(entries.map((e) => [e.action, e.actorLabel])).toEqual([["ticket.reopen", "customer"]]);
      expect(JSON.parse(entries[0]!.details)).toEqual({ from, to: "open", recordingsScheduled: 0 });
    }
  });

  it("a reply to an open ticket changes no status and writes no status entry", async () => {
    const { site, customer, agent } = await world();
    const ticket = await newTicket(site.id, customer, "open");
    await addMessage(customer, ticket.id, "One more thing", "own");
    await addMessage(agent, ticket.id, "Looking", "queue");
    expect((await db().ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("open");
    expect(await entriesFor(ticket.id)).toEqual([]);
  });

  it("closing and reopening from either side is audited with where it came from", async () => {
    const { site, customer, agent } = await world();
    const ticket = await newTicket(site.id, customer, "open");
    await updateQueueTicket(agent, ticket.id, { status: "pending" });
    await updateQueueTicket(agent, ticket.id, { status: "closed" });
    await updateOwnTicket(customer, ticket.id, { status: "open" });
    await updateOwnTicket(customer, ticket.id, { status: "closed" });
    await updateOwnTicket(customer, ticket.id, { status: "closed" });
    const entries = await entriesFor(ticket.id);
    expect(entries.map((e) => [e.action, e.actorLabel, JSON.parse(e.details) as unknown])).toEqual([
      ["ticket.reopen", agent.email, { from: "open", to: "pending", recordingsScheduled: 0 }],
      ["ticket.close", agent.email, { from: "pending", to: "closed", recordingsScheduled: 0 }],
      ["ticket.reopen", "customer", { from: "closed", to: "open", recordingsScheduled: 0 }],
      ["ticket.close", "customer", { from: "open", to: "closed", recordingsScheduled: 0 }],
    ]);
    expect((await db().ticket.findUniqueOrThrow({ where: { id: ticket.id } })).closedAt).not.toBeNull();
  });
});
