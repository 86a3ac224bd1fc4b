import "server-only";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/event-types";
import { openEndpointSecret } from "@/lib/webhooks/endpoints";
import { signWebhook } from "@/lib/webhooks/signature";
import { parseAllowedHosts, resolveWebhookTarget, type ResolvedTarget } from "@/lib/webhooks/ssrf-guard";

const TIMEOUT_MS = 10_000;

// A webhook job's payload as enqueueWebhookEvent wrote it (lib/webhooks/events.ts WebhookPayload).
export const ZWebhookPayload = z.object({
  endpointId: z.string(),
  event: z.object({
    type: z.enum(WEBHOOK_EVENTS),
    timestamp: z.string(),
    data: z.object({ siteId: z.string(), ticketId: z.string().nullable(), revealId: z.string().optional(), recordingId: z.string().optional(), connectionId: z.string().optional(), externalId: z.string().optional() }),
  }),
});

// The receiver (a webhook endpoint, or a helpdesk's API for a note) answered, but not with 2xx (a
// redirect included: never followed). The status is kept.
export class WebhookRejected extends Error {
  override name = "WebhookRejected";
  readonly code: string;
  constructor(status: number) {
    super(`HTTP ${status}`);
    this.code = `http-${status}`;
  }
}

// POSTs JSON to the address the guard checked, whatever a second DNS answer would say (rebinding).
// The whole exchange, not just each idle gap, is bounded by TIMEOUT_MS. Also how helpdesk notes are
// posted (lib/helpdesk/notes.ts).
export function postJson(target: ResolvedTarget, headers: Record<string, string>, body: string): Promise<number> {
  const pinned: LookupFunction = (_host, options, callback) => {
    if (options.all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const client = target.url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(target.url, { method: "POST", headers: { ...headers, "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) }, lookup: pinned, signal: AbortSignal.timeout(TIMEOUT_MS) }, (res) => {
      res.resume(); // the body is not read: the status says it all
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

export class UndeliverableWebhook extends Error {
  override name = "UndeliverableWebhook";
}

// One webhook job: its endpoint gone or disabled → skipped; otherwise signed and POSTed, 2xx or throw.
// The webhook-id is the job's id, so a receiver deduplicates retries and "send again".
export async function deliverWebhook(job: { id: string; payload: unknown }, now: Date): Promise<"sent" | "skipped"> {
  const parsed = ZWebhookPayload.safeParse(job.payload);
  if (!parsed.success) throw new UndeliverableWebhook();
  const endpoint = await db().webhookEndpoint.findUnique({ where: { id: parsed.data.endpointId }, omit: { secretSealed: false } });
  if (!endpoint || endpoint.disabledAt) return "skipped";
  const target = await resolveWebhookTarget(endpoint.url, parseAllowedHosts(env().WEBHOOK_ALLOWED_HOSTS));
  const body = JSON.stringify(parsed.data.event);
  const timestamp = Math.floor(now.getTime() / 1000);
  const signature = signWebhook(openEndpointSecret(endpoint), job.id, timestamp, body);
  const status = await postJson(target, { "webhook-id": job.id, "webhook-timestamp": String(timestamp), "webhook-signature": signature, "user-agent": "Replaydesk-Webhooks" }, body);
  if (status < 200 || status >= 300) throw new WebhookRejected(status);
  return "sent";
}
