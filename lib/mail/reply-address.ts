import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { derivedToken, hashToken } from "@/lib/crypto/tokens";

// reply+<token>@INBOUND_DOMAIN: one address per ticket and recipient. The token is the
// authenticator of an emailed reply (a From header can be forged); it is derived, not stored, so
// every email about the ticket carries the same address, and only its hash is kept for lookups.
// Each email sent with it keeps it valid for REPLY_ADDRESS_DAYS more.
export const REPLY_ADDRESS_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;

export function inboundDomain(): string {
  return env().INBOUND_DOMAIN ?? new URL(env().APP_URL).hostname;
}

export async function replyAddressFor(client: Db | Tx, ticketId: string, userId: string, now = new Date()): Promise<string> {
  const token = derivedToken("reply-address", ticketId, userId);
  const expiresAt = new Date(now.getTime() + REPLY_ADDRESS_DAYS * DAY_MS);
  await client.replyAddress.upsert({
    where: { ticketId_userId: { ticketId, userId } },
    create: { ticketId, userId, tokenHash: hashToken(token), expiresAt },
    update: { expiresAt },
  });
  return `reply+${token}@${inboundDomain()}`;
}

// The token of a reply+<token>@… recipient, or null when the address is not one of ours.
export function replyTokenOf(address: string): string | null {
  const [, token, domain] = /^reply\+([a-z2-7]{32})@(.+)$/i.exec(address.trim()) ?? [];
  if (!token || domain?.toLowerCase() !== inboundDomain().toLowerCase()) return null;
  return token.toLowerCase();
}

// The live reply address a token names (ticket and recipient), or null: unknown or expired.
export async function findReplyAddress(client: Db | Tx, token: string, now = new Date()) {
  const found = await client.replyAddress.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { ticketId: true, userId: true, expiresAt: true, user: { select: { email: true, deactivatedAt: true } } },
  });
  return found && found.expiresAt > now && !found.user.deactivatedAt ? found : null;
}

// An expired address answers nothing (findReplyAddress): its row is kept no longer.
export async function purgeExpiredReplyAddresses(client: Db | Tx, now: Date): Promise<number> {
  return (await client.replyAddress.deleteMany({ where: { expiresAt: { lt: now } } })).count;
}
