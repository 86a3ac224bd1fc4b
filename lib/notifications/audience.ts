import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { isGrantActive, isRole, ROLE_PERMISSIONS, type GrantState } from "@/lib/auth/policy";
import { coversSite, scopesOf } from "@/lib/auth/scope";
import type { StaffRecipient, TicketAudience, TicketEvent } from "@/lib/notifications/policy";
import { staffNotificationsOf } from "@/lib/notifications/preferences";

// The people one ticket event may concern, as lib/notifications/policy.ts needs them.

const RECIPIENT = { id: true, email: true, deactivatedAt: true, emailBouncedAt: true } as const;
const STAFF = { ...RECIPIENT, notifyOn: true, grants: { select: { role: true, siteId: true, revokedAt: true, suspendedAt: true, expiresAt: true } } } as const;

type Grant = GrantState & { role: string; siteId: string | null };
type StaffRow = { id: string; email: string; deactivatedAt: Date | null; emailBouncedAt: Date | null; notifyOn: Parameters<typeof staffNotificationsOf>[0]; grants: Grant[] };

// Whether the person's grants, as they stand now, let them read the site's queue.
function staffOf(row: StaffRow, siteId: string, now: Date): StaffRecipient {
  const active = row.grants.filter((g) => isGrantActive(g, now)).flatMap((g) => (isRole(g.role) ? [{ role: g.role, siteId: g.siteId }] : []));
  const mayReadTicket = coversSite({ userId: row.id, email: row.email, scopes: scopesOf(active) }, "ticket:read", siteId);
  return { id: row.id, email: row.email, deactivatedAt: row.deactivatedAt, emailBouncedAt: row.emailBouncedAt, notifyOn: staffNotificationsOf(row.notifyOn), mayReadTicket };
}

// The same question when an email is sent (lib/notifications/render.ts): grants change while a
// job waits, and someone who lost the site must not get its customers' words late.
export async function staffMayReadTicket(client: Db | Tx, userId: string, ticketId: string, now: Date): Promise<boolean> {
  const [user, ticket] = await Promise.all([client.user.findUnique({ where: { id: userId }, select: STAFF }), client.ticket.findUnique({ where: { id: ticketId }, select: { siteId: true } })]);
  return user !== null && ticket !== null && staffOf(user, ticket.siteId, now).mayReadTicket;
}

const QUEUE_ROLES = Object.entries(ROLE_PERMISSIONS).flatMap(([role, permissions]) => (permissions.includes("ticket:read") ? [role] : []));

// Staff whose grants name the site or every site: candidates for an unassigned ticket's messages
// (staffOf then decides who, grant by grant, may still read it).
function siteStaff(tx: Tx, siteId: string) {
  return tx.user.findMany({ where: { grants: { some: { role: { in: QUEUE_ROLES }, revokedAt: null, OR: [{ siteId }, { siteId: null }] } } }, select: STAFF });
}

export async function audienceOf(tx: Tx, event: TicketEvent, now: Date): Promise<TicketAudience | null> {
  const ticket = await tx.ticket.findUnique({
    where: { id: event.ticketId },
    select: { siteId: true, helpdeskConnectionId: true, claim: { select: { ticketId: true } }, customer: { select: RECIPIENT }, assignee: { select: STAFF } },
  });
  if (!ticket) return null;
  const wantsStaff = event.kind === "message" && event.from === "customer";
  const requester =
    event.kind === "reveal-decided" ? await tx.revealRequest.findUnique({ where: { id: event.revealId }, select: { requester: { select: STAFF } } }) : null;
  return {
    // The helpdesk owns the conversation with the customer of a linked ticket (issue 13).
    linkedToHelpdesk: ticket.helpdeskConnectionId !== null,
    customer: ticket.claim ? null : ticket.customer,
    assignee: ticket.assignee ? staffOf(ticket.assignee, ticket.siteId, now) : null,
    siteStaff: wantsStaff ? (await siteStaff(tx, ticket.siteId)).map((row) => staffOf(row, ticket.siteId, now)) : [],
    requester: requester?.requester ? staffOf(requester.requester, ticket.siteId, now) : null,
  };
}
