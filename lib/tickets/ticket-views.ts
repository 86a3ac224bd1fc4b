import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { ownTicketWhere, queueTicketWhere } from "@/lib/tickets/visibility";
import { deskRecordings, ownRecordings } from "@/lib/recordings/recording-summary";
import type { TicketStatus } from "@/lib/tickets/schemas";


export type QueueFilter = { status?: TicketStatus; siteId?: string; assignee?: "me" | "unassigned" };

const PAGE_SIZE = 50;

export async function listQueue(actor: Actor, filter: QueueFilter) {
  const tickets = await db().ticket.findMany({
    where: {
      AND: [
        queueTicketWhere(actor),
        filter.status ? { status: filter.status } : {},
        filter.siteId ? { siteId: filter.siteId } : {},
        filter.assignee === "me" ? { assigneeId: actor.userId } : filter.assignee === "unassigned" ? { assigneeId: null } : {},
      ],
    },
    orderBy: { updatedAt: "desc" },
    take: PAGE_SIZE,
    include: { site: { select: { id: true, name: true } }, assignee: { select: { email: true } }, _count: { select: { recordings: true, messages: true } } },
  });
  return tickets.map((t) => ({
    id: t.id,
    subject: t.subject,
    status: t.status,
    site: t.site,
    assignee: t.assignee?.email ?? null,
    recordings: t._count.recordings,
    messages: t._count.messages,
    updatedAt: t.updatedAt.toISOString(),
  }));
}

async function loadTicket(where: object, id: string) {
  const ticket = await db().ticket.findFirst({
    where: { AND: [where, { id }] },
    include: {
      site: { select: { id: true, name: true, maskingMode: true } },
      assignee: { select: { id: true, email: true } },
      messages: { orderBy: { createdAt: "asc" }, include: { author: { select: { email: true } } } },
    },
  });
  // 404 rather than 403: whether a ticket exists is itself not for everyone to know.
  if (!ticket) throw new AppError("not_found", "No such ticket.");
  return ticket;
}

type LoadedTicket = Awaited<ReturnType<typeof loadTicket>>;

// What both sides see of a ticket; how message authors are named and what each side learns about
// the recordings differ.
function ticketView(t: LoadedTicket, authorName: (m: LoadedTicket["messages"][number]) => string) {
  return {
    id: t.id,
    subject: t.subject,
    status: t.status,
    createdAt: t.createdAt.toISOString(),
    messages: t.messages.map((m) => ({ id: m.id, authorRole: m.authorRole, author: authorName(m), body: m.body, createdAt: m.createdAt.toISOString() })),
  };
}

// The agent's view: no customer email is needed to help, so none is shown; recordings are
// metadata, with what this agent may do with each (mayWatch, mayAsk).
export async function getQueueTicket(actor: Actor, id: string, now = new Date()) {
  const t = await loadTicket(queueTicketWhere(actor), id);
  const view = ticketView(t, (m) => (m.authorRole === "customer" ? "Customer" : (m.author?.email ?? "Support")));
  return { ...view, recordings: await deskRecordings(actor, t, now), site: t.site, assignee: t.assignee };
}

// The customer's view: their recordings, with who watched each and when.
export async function getOwnTicket(actor: Actor, id: string, now = new Date()) {
  const t = await loadTicket(ownTicketWhere(actor), id);
  const view = ticketView(t, (m) => (m.authorRole === "customer" ? "You" : "Support"));
  return { ...view, recordings: await ownRecordings(t.id, now), site: { id: t.site.id, name: t.site.name } };
}

export async function listOwnTickets(actor: Actor) {
  const tickets = await db().ticket.findMany({
    where: ownTicketWhere(actor),
    orderBy: { updatedAt: "desc" },
    take: PAGE_SIZE,
    include: { site: { select: { name: true } }, _count: { select: { recordings: true } } },
  });
  return tickets.map((t) => ({ id: t.id, subject: t.subject, status: t.status, site: t.site.name, recordings: t._count.recordings, updatedAt: t.updatedAt.toISOString() }));
}
