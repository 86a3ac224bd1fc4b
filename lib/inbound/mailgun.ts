import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/config/env";
import { claimDelivery, releaseDelivery } from "@/lib/inbound/deliveries";
import { AppError } from "@/lib/errors";
import { receiveMail, type InboundOutcome } from "@/lib/inbound/receive-mail";
import type { TMailgunMime } from "@/lib/inbound/schemas";

// Mailgun's inbound route (forward to …/api/v1/inbound/mailgun/mime): the same pipeline as the
// SMTP server, once the post is shown to come from Mailgun: HMAC-SHA256 of timestamp + token under
// the domain's webhook signing key, a timestamp close to now, a token never seen before.
export const MAILGUN_MAX_AGE_MS = 5 * 60_000;

export function mailgunSignatureValid(key: string, input: Pick<TMailgunMime, "timestamp" | "token" | "signature">): boolean {
  const expected = createHmac("sha256", key).update(input.timestamp + input.token).digest();
  const given = Buffer.from(input.signature, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// The signing key; without one the route does not exist (404), so an unconfigured server accepts nothing.
export function requireMailgunKey(): string {
  const key = env().MAILGUN_SIGNING_KEY;
  if (!key) throw new AppError("not_found", "Replies through Mailgun are not enabled on this server (MAILGUN_SIGNING_KEY is unset).");
  return key;
}

export async function receiveMailgun(input: TMailgunMime, now = new Date()): Promise<InboundOutcome> {
  const key = requireMailgunKey();
  if (!mailgunSignatureValid(key, input)) throw new AppError("unauthenticated", "The Mailgun signature does not match this server's signing key.");
  if (Math.abs(now.getTime() - Number(input.timestamp) * 1000) > MAILGUN_MAX_AGE_MS) throw new AppError("unauthenticated", "The Mailgun timestamp is more than 5 minutes away from this server's clock.");
  const replayKey = `mailgun:${input.token}`;
  if (!(await claimDelivery(replayKey, now))) throw new AppError("conflict", "This Mailgun post was received already (its token was used).");
  const envelope = { mailFrom: input.sender.trim() || null, rcptTo: input.recipient.split(",").map((r) => r.trim()).filter(Boolean) };
  try {
    return await receiveMail(Buffer.from(input["body-mime"], "utf8"), envelope, now);
  } catch (err) {
    // Not received after all: Mailgun's retry (same token) must be able to land it.
    await releaseDelivery(replayKey);
    throw err;
  }
}
