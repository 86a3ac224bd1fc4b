import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { appendAudit } from "@/lib/audit/append";
import type { Actor } from "@/lib/auth/actor";
import { auditActor, siteWhere } from "@/lib/auth/scope";
import { openWithMaster, parseMasterKey, sealWithMaster } from "@/lib/crypto/envelope";
import type { WebhookEvent } from "@/lib/webhooks/event-types";
import { newWebhookSecret } from "@/lib/webhooks/signature";
import { parseAllowedHosts, resolveWebhookTarget, WebhookUrlRefused } from "@/lib/webhooks/ssrf-guard";

// The AAD namespace of an endpoint's sealed secret: one endpoint's sealed secret does not open as another's.
function secretPurpose(endpointId: string): string {
  return `webhook-secret:${endpointId}`;
}

function sealSecret(endpointId: string, secret: string): string {
  return sealWithMaster(parseMasterKey(env().MASTER_KEY), new TextEncoder().encode(secret), secretPurpose(endpointId));
}

// For delivery: the endpoint's whsec_ secret in clear.
export function openEndpointSecret(endpoint: { id: string; secretSealed: string }): string {
  return Buffer.from(openWithMaster(parseMasterKey(env().MASTER_KEY), endpoint.secretSealed, secretPurpose(endpoint.id))).toString("utf8");
}

async function requireWebhookSite(actor: Actor, siteId: string) {
  const site = await db().site.findFirst({ where: { AND: [{ id: siteId }, siteWhere(actor, "webhooks:manage")] }, select: { id: true } });
  if (!site) throw new AppError("not_found", "No such site.");
  return site;
}

async function requireEndpoint(actor: Actor, siteId: string, endpointId: string) {
  await requireWebhookSite(actor, siteId);
  const endpoint = await db().webhookEndpoint.findFirst({ where: { id: endpointId, siteId } });
  if (!endpoint) throw new AppError("not_found", "No such webhook endpoint on this site.");
  return endpoint;
}

const view = (e: { id: string; url: string; events: unknown; createdAt: Date; disabledAt: Date | null }) => ({
  id: e.id,
  url: e.url,
  events: e.events as WebhookEvent[],
  createdAt: e.createdAt.toISOString(),
  disabledAt: e.disabledAt?.toISOString() ?? null,
});

export async function listWebhookEndpoints(actor: Actor, siteId: string) {
  await requireWebhookSite(actor, siteId);
  const rows = await db().webhookEndpoint.findMany({ where: { siteId }, orderBy: { createdAt: "asc" } });
  return rows.map(view);
}

// The URL is checked (scheme, and every address its host resolves to) before it is stored; the
// secret is returned in clear this once and stored sealed under MASTER_KEY.
export async function createWebhookEndpoint(actor: Actor, siteId: string, input: { url: string; events: WebhookEvent[] }, now = new Date()) {
  const site = await requireWebhookSite(actor, siteId);
  try {
    await resolveWebhookTarget(input.url, parseAllowedHosts(env().WEBHOOK_ALLOWED_HOSTS));
  } catch (err) {
    if (err instanceof WebhookUrlRefused) throw new AppError("bad_request", err.message);
    throw new AppError("bad_request", "The webhook URL's host could not be resolved.");
  }
  const secret = newWebhookSecret();
  return db().$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({ data: { siteId: site.id, url: input.url, events: [...new Set(input.events)], secretSealed: "pending", createdAt: now } });
    await tx.webhookEndpoint.update({ where: { id: created.id }, data: { secretSealed: sealSecret(created.id, secret) } });
    await appendAudit({ actor: auditActor(actor), action: "webhook.create", target: { type: "webhook", id: created.id }, siteId: site.id, details: { host: new URL(input.url).host, events: input.events }, at: now }, tx);
    return { ...view(created), secret };
  });
}

export async function rotateWebhookSecret(actor: Actor, siteId: string, endpointId: string, now = new Date()) {
  const endpoint = await requireEndpoint(actor, siteId, endpointId);
  const secret = newWebhookSecret();
  await db().$transaction(async (tx) => {
    await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { secretSealed: sealSecret(endpoint.id, secret) } });
    await appendAudit({ actor: auditActor(actor), action: "webhook.rotate-secret", target: { type: "webhook", id: endpoint.id }, siteId, at: now }, tx);
  });
  return { ...view(endpoint), secret };
}

// Disabled endpoints get no new events; their queued jobs are skipped when their turn comes.
export async function disableWebhookEndpoint(actor: Actor, siteId: string, endpointId: string, now = new Date()) {
  const endpoint = await requireEndpoint(actor, siteId, endpointId);
  const updated = await db().$transaction(async (tx) => {
    const row = await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { disabledAt: endpoint.disabledAt ?? now } });
    await appendAudit({ actor: auditActor(actor), action: "webhook.disable", target: { type: "webhook", id: endpoint.id }, siteId, at: now }, tx);
    return row;
  });
  return view(updated);
}
