import "server-only";
import { db } from "@/lib/db/client";

export const CONSENT_STATS_DAYS = 30;
const DAY_MS = 86_400_000;

// Security L9: anyone holding the public site key can post consent records, so a record counts as
// evidence of a real visitor's choice only once an upload of its session used it (a grant), or
// when the session it withdraws had uploaded (a withdrawal). Shared with the compliance record.
export const CONSENT_EVIDENCE = { verifiedAt: { not: null } } as const;

// Consent given / withdrawn per UTC day over the last 30 days, and per banner version: the proof
// of the consent process the publisher can show. One count query per day keeps memory bounded
// whatever the traffic. Records no upload used are counted apart, as unverified.
export async function consentStats(siteId: string, now = new Date()) {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const since = new Date(today - (CONSENT_STATS_DAYS - 1) * DAY_MS);
  const days = await Promise.all(
    Array.from({ length: CONSENT_STATS_DAYS }, async (_, i) => {
      const start = new Date(today - (CONSENT_STATS_DAYS - 1 - i) * DAY_MS);
      const groups = await db().consentRecord.groupBy({
        by: ["granted"],
        where: { siteId, createdAt: { gte: start, lt: new Date(start.getTime() + DAY_MS) }, ...CONSENT_EVIDENCE },
        _count: { _all: true },
      });
      const count = (granted: boolean) => groups.find((g) => g.granted === granted)?._count._all ?? 0;
      return { day: start.toISOString().slice(0, 10), given: count(true), withdrawn: count(false) };
    }),
  );
  const [byBanner, unverified] = await Promise.all([
    db().consentRecord.groupBy({ by: ["bannerVersion", "granted"], where: { siteId, createdAt: { gte: since }, ...CONSENT_EVIDENCE }, _count: { _all: true } }),
    db().consentRecord.groupBy({ by: ["granted"], where: { siteId, createdAt: { gte: since }, verifiedAt: null }, _count: { _all: true } }),
  ]);
  const banners = new Map<string, { version: string | null; given: number; withdrawn: number }>();
  for (const g of byBanner) {
    const key = g.bannerVersion ?? "";
    const entry = banners.get(key) ?? { version: g.bannerVersion, given: 0, withdrawn: 0 };
    entry[g.granted ? "given" : "withdrawn"] += g._count._all;
    banners.set(key, entry);
  }
  const unverifiedCount = (granted: boolean) => unverified.find((g) => g.granted === granted)?._count._all ?? 0;
  return {
    since: since.toISOString().slice(0, 10),
    days,
    banners: [...banners.values()].sort((a, b) => b.given + b.withdrawn - (a.given + a.withdrawn)),
    totals: { given: days.reduce((n, d) => n + d.given, 0), withdrawn: days.reduce((n, d) => n + d.withdrawn, 0) },
    unverified: { given: unverifiedCount(true), withdrawn: unverifiedCount(false) },
  };
}
