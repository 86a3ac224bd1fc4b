import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// Standard Webhooks (standardwebhooks.com): the secret is "whsec_" + base64 of its bytes; each
// request is signed over "<webhook-id>.<webhook-timestamp>.<body>" with HMAC-SHA256 under those bytes.
const PREFIX = "whsec_";

export function newWebhookSecret(): string {
  return PREFIX + randomBytes(24).toString("base64");
}

function secretBytes(secret: string): Buffer {
  if (!secret.startsWith(PREFIX)) throw new Error("not a whsec_ secret");
  return Buffer.from(secret.slice(PREFIX.length), "base64");
}

export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  return "v1," + createHmac("sha256", secretBytes(secret)).update(`${id}.${timestampSeconds}.${body}`).digest("base64");
}

// The receiver's side (used by the tests and shown in docs/integrations.md): one of the
// space-separated signatures must match.
export function verifyWebhook(secret: string, headers: { id: string; timestamp: string; signature: string }, body: string): boolean {
  const expected = Buffer.from(signWebhook(secret, headers.id, Number(headers.timestamp), body));
  return headers.signature.split(" ").some((s) => {
    const given = Buffer.from(s);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
