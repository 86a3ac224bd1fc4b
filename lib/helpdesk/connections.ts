import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { appendAudit, type AuditInput } from "@/lib/audit/append";
import { AppError } from "@/lib/errors";
import { openWithMaster, parseMasterKey, sealWithMaster } from "@/lib/crypto/envelope";
import type { HelpdeskKind } from "@/lib/helpdesk/verify";

// A helpdesk connection's webhook secret: checking a signature needs it in clear, so it is sealed
// under MASTER_KEY (like a site's pseudonym secret), bound to its connection, and shown only once.
function secretPurpose(connectionId: string): string {
  return `helpdesk-webhook-secret:${connectionId}`;
}

function seal(connectionId: string, secret: string): string {
  return sealWithMaster(parseMasterKey(env().MASTER_KEY), new TextEncoder().encode(secret), secretPurpose(connectionId));
}

export function openConnectionSecret(connection: { id: string; secretSealed: string }): string {
  return Buffer.from(openWithMaster(parseMasterKey(env().MASTER_KEY), connection.secretSealed, secretPurpose(connection.id))).toString("utf8");
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

async function requireConnection(connectionId: string) {
  const connection = await db().helpdeskConnection.findUnique({ where: { id: connectionId }, select: { id: true, siteId: true, kind: true, disabledAt: true } });
  if (!connection) throw new AppError("not_found", `No helpdesk connection has the id "${connectionId}".`);
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

export type NewConnection = { site: string; kind: HelpdeskKind; name?: string; frameOrigins?: string[]; basicAuthUser?: string; secret?: string };

export async function connectHelpdesk(by: AuditInput["actor"], input: NewConnection, now = new Date()) {
  const site = await requireSite(input.site);
  const frameOrigins = frameOriginsOf(input.frameOrigins ?? []);
  const secret = input.secret ?? newSecret(input.kind);
  const basicAuthUser = input.kind === "freshdesk" ? (input.basicAuthUser ?? "replaydesk") : null;
  return db().$transaction(async (tx) => {
    const created = await tx.helpdeskConnection.create({
      data: { siteId: site.id, kind: input.kind, name: input.name ?? input.kind, secretSealed: "pending", basicAuthUser, frameOrigins, createdAt: now },
      select: { id: true },
    });
    // The seal names the row's id, known only once it exists.
    await tx.helpdeskConnection.update({ where: { id: created.id }, data: { secretSealed: seal(created.id, secret) } });
    await appendAudit({ actor: by, action: "helpdesk.connect", target: { type: "helpdesk-connection", id: created.id }, siteId: site.id, details: { kind: input.kind }, at: now }, tx);
    return { id: created.id, siteId: site.id, kind: input.kind, basicAuthUser, secret, webhookUrl: webhookUrl(created.id) };
  });
}

export async function listConnections() {
  const rows = await db().helpdeskConnection.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, kind: true, name: true, siteId: true, basicAuthUser: true, frameOrigins: true, createdAt: true, disabledAt: true, site: { select: { name: true } }, _count: { select: { tickets: true } } },
  });
  return rows.map((r) => ({ ...r, frameOrigins: r.frameOrigins as string[], webhookUrl: webhookUrl(r.id) }));
}

export async function rotateConnectionSecret(by: AuditInput["actor"], connectionId: string, given?: string, now = new Date()) {
  const connection = await requireConnection(connectionId);
  const secret = given ?? newSecret(connection.kind);
  await db().$transaction(async (tx) => {
    await tx.helpdeskConnection.update({ where: { id: connection.id }, data: { secretSealed: seal(connection.id, secret) } });
    await appendAudit({ actor: by, action: "helpdesk.rotate-secret", target: { type: "helpdesk-connection", id: connection.id }, siteId: connection.siteId, details: {}, at: now }, tx);
  });
  return { secret, webhookUrl: webhookUrl(connection.id) };
}

// Disconnecting stops the webhook (404 from then on); the tickets keep their reference, so the
// record of where they came from stays.
export async function disconnectHelpdesk(by: AuditInput["actor"], connectionId: string, now = new Date()) {
  const connection = await requireConnection(connectionId);
  if (connection.disabledAt) return false;
  await db().$transaction(async (tx) => {
    await tx.helpdeskConnection.update({ where: { id: connection.id }, data: { disabledAt: now } });
    await appendAudit({ actor: by, action: "helpdesk.disconnect", target: { type: "helpdesk-connection", id: connection.id }, siteId: connection.siteId, details: {}, at: now }, tx);
  });
  return true;
}
