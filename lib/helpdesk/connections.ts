import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { appendAudit, type AuditInput } from "@/lib/audit/append";
import { AppError } from "@/lib/errors";
import { openWithMaster, parseMasterKey, sealWithMaster } from "@/lib/crypto/envelope";
import type { Actor } from "@/lib/auth/actor";
import { auditActor, siteWhere } from "@/lib/auth/scope";
import type { HelpdeskKind } from "@/lib/helpdesk/verify";
import type { TConnectionCreate } from "@/lib/helpdesk/schemas";
import { parseAllowedHosts, resolveWebhookTarget, WebhookUrlRefused } from "@/lib/webhooks/ssrf-guard";

// A helpdesk connection's webhook secret: checking a signature needs it in clear, so it is sealed
// under MASTER_KEY (like a site's pseudonym secret), bound to its connection, and shown only once.
function secretPurpose(connectionId: string): string {
  return `helpdesk-webhook-secret:${connectionId}`;
}

// The helpdesk's API token (internal notes, lib/helpdesk/notes.ts): sealed the same way under a
// purpose of its own, so neither sealed value opens as the other.
function apiTokenPurpose(connectionId: string): string {
  return `helpdesk-api-token:${connectionId}`;
}

function seal(connectionId: string, secret: string, purpose = secretPurpose): string {
  return sealWithMaster(parseMasterKey(env().MASTER_KEY), new TextEncoder().encode(secret), purpose(connectionId));
}

function open(id: string, sealed: string, purpose: (id: string) => string): string {
  return Buffer.from(openWithMaster(parseMasterKey(env().MASTER_KEY), sealed, purpose(id))).toString("utf8");
}

export function openConnectionSecret(connection: { id: string; secretSealed: string }): string {
  return open(connection.id, connection.secretSealed, secretPurpose);
}

export function openConnectionApiToken(connection: { id: string; apiTokenSealed: string }): string {
  return open(connection.id, connection.apiTokenSealed, apiTokenPurpose);
}

// The helpdesks Replaydesk writes internal notes to (docs/integrations.md, Internal notes).
export const NOTE_KINDS: readonly HelpdeskKind[] = ["zammad", "chatwoot"];
// Chatwoot's API is per account: its URL names the account (…/api/v1/accounts/<id>).
const CHATWOOT_ACCOUNT_URL = /\/api\/v1\/accounts\/\d+$/;

// The helpdesk's API base URL, as notes will be posted to it: a kind that takes notes, the shape
// its API needs, and never a loopback or private address unless the operator's allow-list admits
// the host (the same guard as outbound webhooks; checked again at each delivery).
async function checkApiUrl(kind: HelpdeskKind, raw: string): Promise<string> {
  if (!NOTE_KINDS.includes(kind)) throw new AppError("bad_request", `apiUrl: internal notes are written to ${NOTE_KINDS.join(" and ")} only, not ${kind}.`);
  const apiUrl = raw.trim().replace(/\/+$/, "");
  if (kind === "chatwoot" && !(URL.canParse(apiUrl) && CHATWOOT_ACCOUNT_URL.test(new URL(apiUrl).pathname))) {
    throw new AppError("bad_request", "apiUrl: for Chatwoot, give the account's API URL, such as https://chat.example.com/api/v1/accounts/3.");
  }
  try {
    await resolveWebhookTarget(apiUrl, parseAllowedHosts(env().WEBHOOK_ALLOWED_HOSTS));
  } catch (err) {
    if (err instanceof WebhookUrlRefused) throw new AppError("bad_request", `apiUrl: ${err.message.replace("The webhook URL", "The URL")}`);
    throw new AppError("bad_request", "apiUrl: the host could not be resolved.");
  }
  return apiUrl;
}

// Both or neither: a URL without a token (or the reverse) could write no note.
async function notesApiOf(kind: HelpdeskKind, input: { apiUrl?: string; apiToken?: string }): Promise<{ apiUrl: string; apiToken: string } | null> {
  if (!input.apiUrl && !input.apiToken) return null;
  if (!input.apiUrl) throw new AppError("bad_request", "apiUrl: give the helpdesk's API URL with its API token.");
  if (!input.apiToken?.trim()) throw new AppError("bad_request", "apiToken: give the helpdesk's API token with its API URL.");
  return { apiUrl: await checkApiUrl(kind, input.apiUrl), apiToken: input.apiToken.trim() };
}

// Standard Webhooks secrets are shown as whsec_<base64>; the others are what the helpdesk's form
// takes as is. Zendesk and Chatwoot may instead generate their own: then the admin passes that one.
function newSecret(kind: HelpdeskKind): string {
  const bytes = randomBytes(32);
  return kind === "generic" ? `whsec_${bytes.toString("base64")}` : bytes.toString("base64url");
}

export function webhookUrl(connectionId: string): string {
  return new URL(`/api/v1/helpdesk/${connectionId}/webhook`, env().APP_URL).href;
}

async function requireSite(siteIdOrKey: string) {
  const site = await db().site.findFirst({ where: { OR: [{ id: siteIdOrKey }, { publicKey: siteIdOrKey }] }, select: { id: true, name: true } });
  if (!site) throw new AppError("not_found", `No site has the id or public key "${siteIdOrKey}".`);
  return site;
}

async function requireConnection(connectionId: string, siteId?: string) {
  const connection = await db().helpdeskConnection.findFirst({ where: { id: connectionId, ...(siteId ? { siteId } : {}) }, select: { id: true, siteId: true, kind: true, disabledAt: true } });
  if (!connection) throw new AppError("not_found", `No helpdesk connection has the id "${connectionId}"${siteId ? " on this site" : ""}.`);
  return connection;
}

// The helpdesk's origins that may frame the agent panel (frame-ancestors): origins only, http(s).
function frameOriginsOf(values: readonly string[]): string[] {
  return values.map((value) => {
    const url = URL.canParse(value) ? new URL(value) : null;
    if (!url || !/^https?:$/.test(url.protocol)) throw new AppError("bad_request", `"${value}" is not an http(s) origin such as https://help.example.com.`);
    return url.origin;
  });
}

export type NewConnection = { site: string; kind: HelpdeskKind; name?: string; frameOrigins?: string[]; basicAuthUser?: string; secret?: string; apiUrl?: string; apiToken?: string };

// The API token, like the secret, is returned to nobody: stored sealed, used only to post notes.
export async function connectHelpdesk(by: AuditInput["actor"], input: NewConnection, now = new Date()) {
  const site = await requireSite(input.site);
  const frameOrigins = frameOriginsOf(input.frameOrigins ?? []);
  const notesApi = await notesApiOf(input.kind, input);
  const secret = input.secret ?? newSecret(input.kind);
  const basicAuthUser = input.kind === "freshdesk" ? (input.basicAuthUser ?? "replaydesk") : null;
  return db().$transaction(async (tx) => {
    const created = await tx.helpdeskConnection.create({
      data: { siteId: site.id, kind: input.kind, name: input.name ?? input.kind, secretSealed: "pending", basicAuthUser, frameOrigins, createdAt: now },
      select: { id: true },
    });
    // The seal names the row's id, known only once it exists.
    await tx.helpdeskConnection.update({
      where: { id: created.id },
      data: { secretSealed: seal(created.id, secret), ...(notesApi ? { apiUrl: notesApi.apiUrl, apiTokenSealed: seal(created.id, notesApi.apiToken, apiTokenPurpose) } : {}) },
    });
    await appendAudit({ actor: by, action: "helpdesk.connect", target: { type: "helpdesk-connection", id: created.id }, siteId: site.id, details: { kind: input.kind, notes: notesApi !== null }, at: now }, tx);
    return { id: created.id, siteId: site.id, kind: input.kind, basicAuthUser, secret, webhookUrl: webhookUrl(created.id), apiUrl: notesApi?.apiUrl ?? null };
  });
}

// Every connection (the CLI), or one site's (its admin page). Never a secret or token: apiUrl set
// says whether notes are written.
export async function listConnections(filter: { siteId?: string } = {}) {
  const rows = await db().helpdeskConnection.findMany({
    where: filter.siteId ? { siteId: filter.siteId } : {},
    orderBy: { createdAt: "asc" },
    select: { id: true, kind: true, name: true, siteId: true, basicAuthUser: true, frameOrigins: true, apiUrl: true, createdAt: true, disabledAt: true, site: { select: { name: true } }, _count: { select: { tickets: true } } },
  });
  return rows.map((r) => ({ ...r, frameOrigins: r.frameOrigins as string[], webhookUrl: webhookUrl(r.id) }));
}

export async function rotateConnectionSecret(by: AuditInput["actor"], connectionId: string, given?: string, now = new Date(), siteId?: string) {
  const connection = await requireConnection(connectionId, siteId);
  const secret = given ?? newSecret(connection.kind);
  await db().$transaction(async (tx) => {
    await tx.helpdeskConnection.update({ where: { id: connection.id }, data: { secretSealed: seal(connection.id, secret) } });
    await appendAudit({ actor: by, action: "helpdesk.rotate-secret", target: { type: "helpdesk-connection", id: connection.id }, siteId: connection.siteId, details: {}, at: now }, tx);
  });
  return { secret, webhookUrl: webhookUrl(connection.id) };
}

// Disconnecting stops the webhook (404 from then on); the tickets keep their reference, so the
// record of where they came from stays.
export async function disconnectHelpdesk(by: AuditInput["actor"], connectionId: string, now = new Date(), siteId?: string) {
  const connection = await requireConnection(connectionId, siteId);
  if (connection.disabledAt) return false;
  await db().$transaction(async (tx) => {
    await tx.helpdeskConnection.update({ where: { id: connection.id }, data: { disabledAt: now } });
    await appendAudit({ actor: by, action: "helpdesk.disconnect", target: { type: "helpdesk-connection", id: connection.id }, siteId: connection.siteId, details: {}, at: now }, tx);
  });
  return true;
}

// The site's admin page: the same operations, for a site the actor manages helpdesks on (another
// site, or one outside their grants, is not found).
async function requireManagedSite(actor: Actor, siteId: string): Promise<string> {
  const site = await db().site.findFirst({ where: { AND: [{ id: siteId }, siteWhere(actor, "helpdesk:manage")] }, select: { id: true } });
  if (!site) throw new AppError("not_found", "No such site.");
  return site.id;
}

export async function listSiteConnections(actor: Actor, siteId: string) {
  const rows = await listConnections({ siteId: await requireManagedSite(actor, siteId) });
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    name: r.name,
    webhookUrl: r.webhookUrl,
    frameOrigins: r.frameOrigins,
    apiUrl: r.apiUrl,
    basicAuthUser: r.basicAuthUser,
    tickets: r._count.tickets,
    createdAt: r.createdAt.toISOString(),
    disabledAt: r.disabledAt?.toISOString() ?? null,
  }));
}

export async function connectSiteHelpdesk(actor: Actor, siteId: string, input: TConnectionCreate, now = new Date()) {
  return connectHelpdesk(auditActor(actor), { ...input, site: await requireManagedSite(actor, siteId) }, now);
}

export async function rotateSiteConnectionSecret(actor: Actor, siteId: string, connectionId: string, now = new Date()) {
  return rotateConnectionSecret(auditActor(actor), connectionId, undefined, now, await requireManagedSite(actor, siteId));
}

export async function disconnectSiteHelpdesk(actor: Actor, siteId: string, connectionId: string, now = new Date()) {
  return { disconnected: await disconnectHelpdesk(auditActor(actor), connectionId, now, await requireManagedSite(actor, siteId)) };
}
