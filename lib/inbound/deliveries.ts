import "server-only";
import { db } from "@/lib/db/client";

// What came in once is acted on once (InboundDelivery's primary key, safe across instances): a
// key is claimed before acting and given back if acting fails, so a retry can still act on it.
export async function claimDelivery(key: string, now: Date): Promise<boolean> {
  try {
    await db().inboundDelivery.create({ data: { key, receivedAt: now } });
    return true;
  } catch (err) {
    if ((err as { code?: unknown }).code === "P2002") return false;
    throw err;
  }
}

export async function releaseDelivery(key: string): Promise<void> {
  await db().inboundDelivery.deleteMany({ where: { key } });
}

// Relays and Mailgun retry for hours, at most a few days: a key older than this has done its job.
export const INBOUND_DELIVERY_RETENTION_DAYS = 30;

export async function purgeOldDeliveries(now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - INBOUND_DELIVERY_RETENTION_DAYS * 24 * 3600_000);
  return (await db().inboundDelivery.deleteMany({ where: { receivedAt: { lt: cutoff } } })).count;
}
