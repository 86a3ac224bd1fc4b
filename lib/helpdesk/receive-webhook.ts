import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { claimDelivery, releaseDelivery } from "@/lib/inbound/deliveries";
import { openConnectionSecret } from "@/lib/helpdesk/connections";
import { mapHelpdeskEvent } from "@/lib/helpdesk/map-event";
import { applyHelpdeskEvent, type AppliedResult } from "@/lib/helpdesk/apply-event";
import { verifyWebhook, type WebhookPost } from "@/lib/helpdesk/verify";

export type WebhookOutcome = { result: AppliedResult | "ignored"; ticketId: string | null };

// A helpdesk's webhook post: the connection named in the path (not secret), its signature checked
// before anything is read from the body, each delivery acted on once (InboundDelivery, safe across
// instances), then the event applied in one transaction. A refused post changes nothing.
export async function receiveHelpdeskWebhook(connectionId: string, post: WebhookPost, now = new Date()): Promise<WebhookOutcome> {
  const connection = await db().helpdeskConnection.findUnique({
    where: { id: connectionId },
    select: { id: true, siteId: true, kind: true, basicAuthUser: true, secretSealed: true, disabledAt: true },
  });
  if (!connection || connection.disabledAt) throw new AppError("not_found", "No active helpdesk connection has this id.");
  const verification = verifyWebhook(connection.kind, post, { secret: openConnectionSecret(connection), basicAuthUser: connection.basicAuthUser }, now);
  if (!verification.ok) {
    throw new AppError("unauthenticated", verification.problem === "stale" ? "The webhook's timestamp is more than 5 minutes away from this server's clock." : `The webhook's ${connection.kind === "freshdesk" ? "basic authentication" : "signature"} does not match this connection's secret.`);
  }
  let body: unknown;
  try {
    body = JSON.parse(post.body);
  } catch {
    throw new AppError("bad_request", "The webhook body is not JSON.");
  }
  const event = mapHelpdeskEvent(connection.kind, body);
  if (!event) return { result: "ignored", ticketId: null };
  const deliveryKey = `${connection.kind}:${connection.id}:${verification.deliveryId}`;
  if (!(await claimDelivery(deliveryKey, now))) throw new AppError("conflict", "This webhook delivery was received already.");
  try {
    return await db().$transaction((tx) => applyHelpdeskEvent(tx, connection, event, now));
  } catch (err) {
    // Nothing was applied: the helpdesk's retry (same delivery) may still land it.
    await releaseDelivery(deliveryKey);
    throw err;
  }
}
