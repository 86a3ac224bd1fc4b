import "server-only";
import { z } from "zod";
import { db, type Tx } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { NOTE_KINDS, openConnectionApiToken } from "@/lib/helpdesk/connections";
import { postJson, WebhookRejected } from "@/lib/webhooks/deliver-webhook";
import { parseAllowedHosts, resolveWebhookTarget } from "@/lib/webhooks/ssrf-guard";
import type { WebhookEvent } from "@/lib/webhooks/event-types";
import type { WebhookEventData } from "@/lib/webhooks/events";

// Internal notes on the helpdesk ticket a Replaydesk ticket is linked to (Zammad, Chatwoot, with the
// API URL and token the admin gave): where its reveal requests stand and when a recording goes, with a
// link to the agent panel. Queued as a `note` job in the transaction of the change, delivered by the
// outbox (retries, backoff, dead letter). The text names no person and quotes nothing they wrote.

const NOTE_TEXT = {
  "reveal.requested": "Replay access requested: waiting for the customer's approval.",
  "reveal.approved": "Replay access approved by the customer.",
  "reveal.declined": "Replay access declined by the customer.",
  "reveal.withdrawn": "The customer withdrew replay access.",
  "reveal.expired": "Replay access expired (the approval link went unanswered, or the viewing window ended).",
  "recording.deleted": "A session recording of this ticket was deleted.",
} as const satisfies Partial<Record<WebhookEvent, string>>;
type NoteEvent = keyof typeof NOTE_TEXT;
const NOTE_EVENTS = Object.keys(NOTE_TEXT) as NoteEvent[];
const isNoteEvent = (type: WebhookEvent): type is NoteEvent => (NOTE_EVENTS as string[]).includes(type);

// A note job's payload: where it goes (read again at delivery: a disconnected helpdesk gets nothing)
// and what happened. Never the token.
const ZNotePayload = z.object({ connectionId: z.string(), externalId: z.string(), event: z.object({ type: z.enum(NOTE_EVENTS as [NoteEvent, ...NoteEvent[]]), data: z.object({ revealId: z.string().optional() }) }) });
type NotePayload = z.infer<typeof ZNotePayload>;

// Which of these sites have a helpdesk taking notes (lets a batch skip reading the ids an event names).
export async function sitesTakeNotes(tx: Tx, siteIds: readonly string[]): Promise<boolean> {
  return (await tx.helpdeskConnection.count({ where: { siteId: { in: [...new Set(siteIds)] }, disabledAt: null, apiUrl: { not: null }, kind: { in: [...NOTE_KINDS] } } })) > 0;
}

// Inside the caller's transaction: one note job per event about a ticket linked to a live helpdesk
// connection that takes notes.
export async function enqueueHelpdeskNotes(tx: Tx, events: readonly { type: WebhookEvent; data: WebhookEventData }[], now: Date): Promise<void> {
  const noted = events.filter((e): e is { type: NoteEvent; data: WebhookEventData & { ticketId: string } } => isNoteEvent(e.type) && e.data.ticketId !== null);
  if (noted.length === 0) return;
  const tickets = await tx.ticket.findMany({
    where: { id: { in: [...new Set(noted.map((e) => e.data.ticketId))] }, helpdeskExternalId: { not: null }, helpdeskConnection: { is: { disabledAt: null, apiUrl: { not: null }, kind: { in: [...NOTE_KINDS] } } } },
    select: { id: true, helpdeskConnectionId: true, helpdeskExternalId: true },
  });
  const linked = new Map(tickets.map((t) => [t.id, t]));
  for (const { type, data } of noted) {
    const ticket = linked.get(data.ticketId);
    if (!ticket?.helpdeskConnectionId || !ticket.helpdeskExternalId) continue;
    const payload = { connectionId: ticket.helpdeskConnectionId, externalId: ticket.helpdeskExternalId, event: { type, data: data.revealId ? { revealId: data.revealId } : {} } } satisfies NotePayload;
    await enqueueJob(tx, { kind: "note", payload, ticketId: ticket.id }, now);
  }
}

// The agent panel for this helpdesk ticket (app/embed).
export function panelUrl(connectionId: string, externalId: string): string {
  return new URL(`/embed/${connectionId}?ticket=${encodeURIComponent(externalId)}`, env().APP_URL).href;
}

export function noteText(p: NotePayload): string {
  return [`Replaydesk: ${NOTE_TEXT[p.event.type]}`, ...(p.event.data.revealId ? [`Reveal request: ${p.event.data.revealId}`] : []), `Panel: ${panelUrl(p.connectionId, p.externalId)}`].join("\n");
}

// Each helpdesk's documented call: where, with which header, what body.
function noteRequest(kind: string, apiUrl: string, token: string, p: NotePayload): { url: string; headers: Record<string, string>; body: unknown } {
  const text = noteText(p);
  if (kind === "zammad") {
    // Zammad: POST /api/v1/ticket_articles, an internal note on the ticket (its id, as its webhooks send it).
    const ticketId = /^\d+$/.test(p.externalId) ? Number(p.externalId) : p.externalId;
    return { url: `${apiUrl}/api/v1/ticket_articles`, headers: { authorization: `Token token=${token}` }, body: { ticket_id: ticketId, body: text, content_type: "text/plain", type: "note", internal: true } };
  }
  // Chatwoot: the account's API URL (…/api/v1/accounts/<id>), a private message on the conversation.
  return { url: `${apiUrl}/conversations/${encodeURIComponent(p.externalId)}/messages`, headers: { api_access_token: token }, body: { content: text, message_type: "outgoing", private: true } };
}

export class UndeliverableNote extends Error {
  override name = "UndeliverableNote";
}

// One note job: the connection gone, disconnected or without its notes API → skipped; otherwise
// POSTed to the address the SSRF guard checks again now, 2xx or throw (the outbox retries).
export async function deliverNote(job: { payload: unknown }): Promise<"sent" | "skipped"> {
  const parsed = ZNotePayload.safeParse(job.payload);
  if (!parsed.success) throw new UndeliverableNote();
  const connection = await db().helpdeskConnection.findUnique({ where: { id: parsed.data.connectionId }, select: { id: true, kind: true, apiUrl: true, apiTokenSealed: true, disabledAt: true } });
  if (!connection || connection.disabledAt || !connection.apiUrl || !connection.apiTokenSealed || !NOTE_KINDS.includes(connection.kind)) return "skipped";
  const request = noteRequest(connection.kind, connection.apiUrl, openConnectionApiToken({ id: connection.id, apiTokenSealed: connection.apiTokenSealed }), parsed.data);
  const target = await resolveWebhookTarget(request.url, parseAllowedHosts(env().WEBHOOK_ALLOWED_HOSTS));
  const status = await postJson(target, { ...request.headers, "user-agent": "Replaydesk-Notes" }, JSON.stringify(request.body));
  if (status < 200 || status >= 300) throw new WebhookRejected(status);
  return "sent";
}
