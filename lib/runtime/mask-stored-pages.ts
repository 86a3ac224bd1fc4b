import "server-only";
import { db } from "@/lib/db/client";
import { splitSelectors } from "@/lib/ingest/sdk-config";
import { recordedPage } from "@/lib/replay/page-path";
import { stringList } from "@/lib/db/json";

// The upgrade of page lists stored before paths were masked (privacy point 7): every recording's
// list is rewritten with the one definition ingest now applies (origin and masked path, the site's
// own origins only). Idempotent, run by the upgrade step (lib/runtime/upgrade.ts) after every
// migration; recordings are few (they live hours), so this is cheap. Returns how many changed.
export async function maskStoredPageLists(): Promise<number> {
  let changed = 0;
  const sites = await db().site.findMany({ select: { id: true, allowedOrigins: true, pathSegmentAllowList: true } });
  for (const site of sites) {
    const origins = stringList(site.allowedOrigins, "Site.allowedOrigins");
    const allowList = splitSelectors(site.pathSegmentAllowList);
    const recordings = await db().recording.findMany({ where: { siteId: site.id }, select: { id: true, pages: true } });
    for (const recording of recordings) {
      const stored = stringList(recording.pages, "RecordedSession.pages");
      const pages = stored.map((url) => recordedPage(url, origins, allowList)).filter((p): p is string => p !== null);
      const masked = pages.filter((p, i) => p !== pages[i - 1]);
      if (masked.length === stored.length && masked.every((p, i) => p === stored[i])) continue;
      await db().recording.update({ where: { id: recording.id }, data: { pages: masked } });
      changed++;
    }
  }
  return changed;
}
