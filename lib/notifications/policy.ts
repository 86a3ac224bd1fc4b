// Who is emailed about what happens on a ticket. Pure (no I/O): lib/notifications/notify-ticket-event.ts
// loads the people involved and enqueues what this returns.
import type { StaffNotification } from "@/lib/notifications/preferences";

// The events of a ticket that email someone. `authorId` is whoever caused it (null: the system):
// nobody is emailed about what they did themselves.
export type TicketEvent =
  | { kind: "message"; ticketId: string; messageId: string; from: "customer" | "agent"; authorId: string | null }
  // The recordings' deletion as scheduled at closing: how many, and by when (lib/retention).
  | { kind: "closed"; ticketId: string; authorId: string | null; recordings: number; deleteBy: Date }
  // The customer answered a request to view a recording (the email reads the answer when it is sent).
  | { kind: "reveal-decided"; ticketId: string; revealId: string; authorId: string | null };

// The email each recipient gets; lib/mail/registry.ts renders it at delivery.
export type NotificationTemplate = "ticket-reply" | "ticket-closed" | "customer-message" | "reveal-decided";

export type Recipient = { id: string; email: string; deactivatedAt: Date | null; emailBouncedAt: Date | null };

// A staff member as far as one ticket goes: what they opted into, and whether their grants still
// let them read it (someone who lost the site must not be sent its customers' words).
export type StaffRecipient = Recipient & { notifyOn: readonly StaffNotification[]; mayReadTicket: boolean };

export type TicketAudience = {
  // A ticket synchronised with an external helpdesk is answered there, which mails its own
  // notifications (issue 13 adds the link; false until then).
  linkedToHelpdesk: boolean;
  // The customer's account, when the ticket is theirs: null for a ticket filed under a staff
  // account's address (it has no customer) and while an account's owner has not confirmed a
  // ticket filed under their address (anyone can type an address; it is not theirs yet).
  customer: Recipient | null;
  assignee: StaffRecipient | null;
  // The staff who may reply on the ticket's site: an unassigned ticket's customer messages go to
  // those who opted in.
  siteStaff: readonly StaffRecipient[];
  // Who asked to view the recording, for a reveal-decided event.
  requester: StaffRecipient | null;
};

export type Notification = { template: NotificationTemplate; to: Recipient };

// Never the author of the event, a deactivated account or an address known to bounce.
function reachable(person: Recipient | null, event: TicketEvent): person is Recipient {
  return person !== null && person.id !== event.authorId && person.deactivatedAt === null && person.emailBouncedAt === null;
}

function optedIn(person: StaffRecipient | null, on: StaffNotification, event: TicketEvent): person is StaffRecipient {
  return reachable(person, event) && person.mayReadTicket && person.notifyOn.includes(on);
}

// An assignee who left (deactivated, or no longer on the site) leaves the ticket as good as
// unassigned: the agents watching the unassigned queue hear of it.
function activeAssignee(audience: TicketAudience): StaffRecipient | null {
  const a = audience.assignee;
  return a && a.deactivatedAt === null && a.mayReadTicket ? a : null;
}

export function notificationsFor(event: TicketEvent, audience: TicketAudience): Notification[] {
  if (audience.linkedToHelpdesk) return [];
  const to = (template: NotificationTemplate, people: Recipient[]): Notification[] => people.map((p) => ({ template, to: p }));
  switch (event.kind) {
    case "message": {
      if (event.from === "agent") return reachable(audience.customer, event) ? to("ticket-reply", [audience.customer]) : [];
      const assignee = activeAssignee(audience);
      if (assignee) return optedIn(assignee, "assigned-customer-message", event) ? to("customer-message", [assignee]) : [];
      return to("customer-message", audience.siteStaff.filter((s) => optedIn(s, "unassigned-customer-message", event)));
    }
    case "closed":
      return reachable(audience.customer, event) ? to("ticket-closed", [audience.customer]) : [];
    case "reveal-decided":
      return optedIn(audience.requester, "reveal-decided", event) ? to("reveal-decided", [audience.requester]) : [];
  }
}
