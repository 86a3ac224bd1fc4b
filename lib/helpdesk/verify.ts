import { createHash, createHmac, timingSafeEqual } from "node:crypto";

// Pure checks that a webhook post comes from the helpdesk holding the connection's secret, one per
// kind, each following that helpdesk's documented scheme (docs/integrations.md names the sources).
// They read headers and the raw body only; the caller refuses replays by the delivery key.

export const HELPDESK_KINDS = ["generic", "zammad", "chatwoot", "zendesk", "freshdesk"] as const;
export type HelpdeskKind = (typeof HELPDESK_KINDS)[number];

export const MAX_WEBHOOK_AGE_MS = 5 * 60_000;

export type WebhookPost = { headers: Headers; body: string };
export type Credentials = { secret: string; basicAuthUser: string | null };
// deliveryId: what identifies this post among the helpdesk's retries (its own id where it sends one,
// else a hash of signature and body, so the same signed post is acted on once).
export type Verification = { ok: true; deliveryId: string } | { ok: false; problem: "signature" | "stale" };

function sameBytes(given: Buffer, expected: Buffer): boolean {
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function hmac(algorithm: "sha1" | "sha256", key: string | Buffer, data: string): Buffer {
  return createHmac(algorithm, key).update(data, "utf8").digest();
}

function digestOf(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\n")).digest("hex");
}

function fresh(atMs: number, now: Date): boolean {
  return Number.isFinite(atMs) && Math.abs(now.getTime() - atMs) <= MAX_WEBHOOK_AGE_MS;
}

// Standard Webhooks (https://www.standardwebhooks.com): "v1,<base64>" entries, space-separated,
// over "id.timestamp.body" under the bytes of the whsec_ secret.
export function standardWebhookKey(secret: string): Buffer {
  return Buffer.from(secret.replace(/^whsec_/, ""), "base64");
}

function verifyGeneric(post: WebhookPost, { secret }: Credentials, now: Date): Verification {
  const id = post.headers.get("webhook-id");
  const timestamp = post.headers.get("webhook-timestamp");
  const signatures = post.headers.get("webhook-signature");
  if (!id || !timestamp || !signatures || !/^\d+$/.test(timestamp)) return { ok: false, problem: "signature" };
  const expected = hmac("sha256", standardWebhookKey(secret), `${id}.${timestamp}.${post.body}`);
  const matches = signatures.split(" ").some((entry) => {
    const [version, value] = entry.split(",", 2);
    return version === "v1" && value !== undefined && sameBytes(Buffer.from(value, "base64"), expected);
  });
  if (!matches) return { ok: false, problem: "signature" };
  if (!fresh(Number(timestamp) * 1000, now)) return { ok: false, problem: "stale" };
  return { ok: true, deliveryId: id };
}

// Zammad trigger webhooks: X-Hub-Signature "sha1=<hex HMAC-SHA1 of the body>", X-Zammad-Delivery,
// no timestamp (so replays are refused by the delivery id alone).
function verifyZammad(post: WebhookPost, { secret }: Credentials): Verification {
  const header = post.headers.get("x-hub-signature") ?? "";
  const delivery = post.headers.get("x-zammad-delivery");
  const match = /^sha1=([0-9a-f]{40})$/i.exec(header);
  if (!match || !delivery || !sameBytes(Buffer.from(match[1]!, "hex"), hmac("sha1", secret, post.body))) return { ok: false, problem: "signature" };
  return { ok: true, deliveryId: delivery };
}

// Chatwoot: X-Chatwoot-Signature "sha256=<hex HMAC-SHA256 of "timestamp.body">", X-Chatwoot-Timestamp
// in Unix seconds; X-Chatwoot-Delivery when sent, else the signature names the post.
function verifyChatwoot(post: WebhookPost, { secret }: Credentials, now: Date): Verification {
  const header = post.headers.get("x-chatwoot-signature") ?? "";
  const timestamp = post.headers.get("x-chatwoot-timestamp") ?? "";
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header);
  if (!match || !/^\d+$/.test(timestamp) || !sameBytes(Buffer.from(match[1]!, "hex"), hmac("sha256", secret, `${timestamp}.${post.body}`))) return { ok: false, problem: "signature" };
  if (!fresh(Number(timestamp) * 1000, now)) return { ok: false, problem: "stale" };
  return { ok: true, deliveryId: post.headers.get("x-chatwoot-delivery") ?? digestOf(header, post.body) };
}

// Zendesk: X-Zendesk-Webhook-Signature = base64 HMAC-SHA256 of (timestamp + body), the timestamp in
// X-Zendesk-Webhook-Signature-Timestamp (ISO 8601); x-zendesk-webhook-invocation-id names the delivery.
function verifyZendesk(post: WebhookPost, { secret }: Credentials, now: Date): Verification {
  const signature = post.headers.get("x-zendesk-webhook-signature");
  const timestamp = post.headers.get("x-zendesk-webhook-signature-timestamp");
  if (!signature || !timestamp || !sameBytes(Buffer.from(signature, "base64"), hmac("sha256", secret, timestamp + post.body))) return { ok: false, problem: "signature" };
  if (!fresh(Date.parse(timestamp), now)) return { ok: false, problem: "stale" };
  return { ok: true, deliveryId: post.headers.get("x-zendesk-webhook-invocation-id") ?? digestOf(signature, post.body) };
}

// Freshdesk automation webhooks sign nothing: HTTP basic auth with the connection's user and secret.
function verifyFreshdesk(post: WebhookPost, { secret, basicAuthUser }: Credentials): Verification {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(post.headers.get("authorization") ?? "");
  const given = match ? Buffer.from(match[1]!, "base64") : Buffer.alloc(0);
  const expected = Buffer.from(`${basicAuthUser ?? "replaydesk"}:${secret}`, "utf8");
  const digest = (b: Buffer) => createHash("sha256").update(b).digest();
  if (!match || !sameBytes(digest(given), digest(expected))) return { ok: false, problem: "signature" };
  return { ok: true, deliveryId: digestOf(post.body) };
}

export function verifyWebhook(kind: HelpdeskKind, post: WebhookPost, credentials: Credentials, now: Date): Verification {
  switch (kind) {
    case "generic":
      return verifyGeneric(post, credentials, now);
    case "zammad":
      return verifyZammad(post, credentials);
    case "chatwoot":
      return verifyChatwoot(post, credentials, now);
    case "zendesk":
      return verifyZendesk(post, credentials, now);
    case "freshdesk":
      return verifyFreshdesk(post, credentials);
  }
}
