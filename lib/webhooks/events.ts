import "server-only";
import type { Tx } from "@/lib/db/client";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { enqueueHelpdeskNotes, sitesTakeNotes } from "@/lib/helpdesk/notes";
import type { WebhookEvent } from "@/lib/webhooks/event-types";

// Ids only: a receiver that wants more asks the API with its own token. ticket.linked names the
// helpdesk reference (connectionId, externalId) or the recording an agent linked.
export type WebhookEventData = { siteId: string; ticketId: string | null; revealId?: string; recordingId?: string; connectionId?: string; externalId?: string };

// What a webhook job's payload holds (read back by lib/webhooks/deliver-webhook.ts).
export type WebhookPayload = { endpointId: string; event: { type: WebhookEvent; timestamp: string; data: WebhookEventData } };

// Queues events, inside the caller's transaction (the state change and its events commit
// together), once for each live endpoint of the event's site subscribed to its type, and as an
// internal note on the linked helpdesk ticket where its connection takes notes (lib/helpdesk/notes.ts).
// One endpoint query per call, so a batch (the sweeper's deletions) costs one query when no site has endpoints.
export async function enqueueWebhookEvents(tx: Tx, events: readonly { type: WebhookEvent; data: WebhookEventData }[], now: Date): Promise<void> {
  if (events.length === 0) return;
  const siteIds = [...new Set(events.map((e) => e.data.siteId))];
  const endpoints = await tx.webhookEndpoint.findMany({ where: { siteId: { in: siteIds }, disabledAt: null }, select: { id: true, siteId: true, events: true } });
  for (const { type, data } of events) {
    for (const endpoint of endpoints) {
      if (endpoint.siteId !== data.siteId || !Array.isArray(endpoint.events) || !endpoint.events.includes(type)) continue;
      const payload = { endpointId: endpoint.id, event: { type, timestamp: now.toISOString(), data: { ...data } } } satisfies WebhookPayload;
      await enqueueJob(tx, { kind: "webhook", payload, ticketId: data.ticketId ?? undefined }, now);
    }
  }
  await enqueueHelpdeskNotes(tx, events, now);
}

// Whether anything of these sites could receive an event, a live endpoint or a helpdesk taking
// notes (lets a batch skip reading the ids an event names).
export async function sitesHaveEventReceivers(tx: Tx, siteIds: readonly string[]): Promise<boolean> {
  return (await tx.webhookEndpoint.count({ where: { siteId: { in: [...new Set(siteIds)] }, disabledAt: null } })) > 0 || (await sitesTakeNotes(tx, siteIds));
}
