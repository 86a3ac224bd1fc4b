import { describe, expect, it } from "vitest";
import { notificationsFor, type Recipient, type StaffRecipient, type TicketAudience, type TicketEvent } from "@/lib/notifications/policy";
import { DEFAULT_STAFF_NOTIFICATIONS, STAFF_NOTIFICATIONS, staffNotificationsOf } from "@/lib/notifications/preferences";

const person = (id: string, over: Partial<Recipient> = {}): Recipient => ({ id, email: `${id}@t.example`, deactivatedAt: null, emailBouncedAt: null, ...over });
const staffer = (id: string, over: Partial<StaffRecipient> = {}): StaffRecipient => ({ ...person(id), notifyOn: DEFAULT_STAFF_NOTIFICATIONS, mayReadTicket: true, ...over });
const all = [...STAFF_NOTIFICATIONS];
const LONG_AGO = new Date("2026-01-01T00:00:00Z");

const audience = (over: Partial<TicketAudience> = {}): TicketAudience => ({ linkedToHelpdesk: false, customer: person("cust"), assignee: null, siteStaff: [], requester: null, ...over });
const agentReply: TicketEvent = { kind: "message", ticketId: "t", messageId: "m", from: "agent", authorId: "agent" };
const customerWrites: TicketEvent = { kind: "message", ticketId: "t", messageId: "m", from: "customer", authorId: "cust" };
const closedBy = (authorId: string | null): TicketEvent => ({ kind: "closed", ticketId: "t", authorId, recordings: 1, deleteBy: LONG_AGO });
const decided: TicketEvent = { kind: "reveal-decided", ticketId: "t", revealId: "r", authorId: "cust" };

const summary = (event: TicketEvent, a: TicketAudience) => notificationsFor(event, a).map((n) => `${n.template}:${n.to.id}`);

describe("who is emailed about a ticket's events", () => {
  it("an agent's reply goes to the customer", () => {
    expect(summary(agentReply, audience())).toEqual(["ticket-reply:cust"]);
  });

  it("the customer of no account, or of an unconfirmed ticket (null), is never emailed", () => {
    expect(summary(agentReply, audience({ customer: null }))).toEqual([]);
    expect(summary(closedBy("agent"), audience({ customer: null }))).toEqual([]);
  });

  it("a deactivated or bouncing customer is emailed nothing", () => {
    expect(summary(agentReply, audience({ customer: person("cust", { deactivatedAt: LONG_AGO }) }))).toEqual([]);
    expect(summary(agentReply, audience({ customer: person("cust", { emailBouncedAt: LONG_AGO }) }))).toEqual([]);
  });

  it("a closed ticket emails its customer, unless the customer closed it", () => {
    expect(summary(closedBy("agent"), audience())).toEqual(["ticket-closed:cust"]);
    expect(summary(closedBy(null), audience())).toEqual(["ticket-closed:cust"]);
    expect(summary(closedBy("cust"), audience())).toEqual([]);
  });

  it("a customer's message goes to the assignee who opted in, and to nobody else", () => {
    const watcher = staffer("watcher", { notifyOn: all });
    expect(summary(customerWrites, audience({ assignee: staffer("ann"), siteStaff: [staffer("ann"), watcher] }))).toEqual(["customer-message:ann"]);
    expect(summary(customerWrites, audience({ assignee: staffer("ann", { notifyOn: [] }), siteStaff: [watcher] }))).toEqual([]);
    expect(summary(customerWrites, audience({ assignee: staffer("ann", { emailBouncedAt: LONG_AGO }), siteStaff: [watcher] }))).toEqual([]);
  });

  it("unassigned, a customer's message goes to the site's staff who opted in", () => {
    const siteStaff = [staffer("quiet"), staffer("keen", { notifyOn: ["unassigned-customer-message"] }), staffer("gone", { notifyOn: all, deactivatedAt: LONG_AGO }), staffer("moved", { notifyOn: all, mayReadTicket: false })];
    expect(summary(customerWrites, audience({ siteStaff }))).toEqual(["customer-message:keen"]);
  });

  it("an assignee who left the site or was deactivated counts as no assignee", () => {
    const keen = staffer("keen", { notifyOn: all });
    expect(summary(customerWrites, audience({ assignee: staffer("ann", { mayReadTicket: false }), siteStaff: [keen] }))).toEqual(["customer-message:keen"]);
    expect(summary(customerWrites, audience({ assignee: staffer("ann", { deactivatedAt: LONG_AGO }), siteStaff: [keen] }))).toEqual(["customer-message:keen"]);
  });

  it("nobody is emailed about their own message", () => {
    const self: TicketEvent = { ...customerWrites, authorId: "keen" };
    expect(summary(self, audience({ siteStaff: [staffer("keen", { notifyOn: all })] }))).toEqual([]);
    expect(summary({ ...agentReply, authorId: "cust" }, audience())).toEqual([]);
  });

  it("a decided reveal goes to its requester if opted in and still on the site", () => {
    expect(summary(decided, audience({ requester: staffer("req") }))).toEqual(["reveal-decided:req"]);
    expect(summary(decided, audience({ requester: staffer("req", { notifyOn: ["assigned-customer-message"] }) }))).toEqual([]);
    expect(summary(decided, audience({ requester: staffer("req", { mayReadTicket: false }) }))).toEqual([]);
    expect(summary(decided, audience({ requester: null }))).toEqual([]);
  });

  it("a ticket linked to an external helpdesk emails nobody, whatever the event", () => {
    const linked = audience({ linkedToHelpdesk: true, assignee: staffer("ann"), siteStaff: [staffer("keen", { notifyOn: all })], requester: staffer("req") });
    for (const event of [agentReply, customerWrites, closedBy("agent"), decided]) expect(summary(event, linked)).toEqual([]);
    expect(summary(agentReply, { ...linked, linkedToHelpdesk: false })).toEqual(["ticket-reply:cust"]);
  });
});

describe("staff notification preferences as stored", () => {
  it("reads the known events and ignores unknown ones", () => {
    expect(staffNotificationsOf(["reveal-decided", "later-event"])).toEqual(["reveal-decided"]);
    expect(staffNotificationsOf([])).toEqual([]);
  });

  it("refuses a value of another shape instead of guessing", () => {
    expect(() => staffNotificationsOf('["reveal-decided"]')).toThrow(/User.notifyOn/);
    expect(() => staffNotificationsOf({ on: true })).toThrow(/User.notifyOn/);
  });
});
