// POST /api/v1/ingest – the recorder SDK uploads a batch of (masked) events for one session.
import { MAX_BATCH_BYTES_COMPRESSED, MAX_BATCH_BYTES_DECOMPRESSED } from "@/lib/replay/protocol";
import { readSdkBody } from "@/lib/ingest/decode-body";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { ZIngestBatch } from "@/lib/ingest/schemas";
import { sdkPreflight, sdkRoute } from "@/lib/ingest/sdk-route";
import { requireSiteForOrigin } from "@/lib/ingest/site-request";
import { rateLimit } from "@/lib/http/rate-limit";

const SITE_BATCHES_PER_MINUTE = 60_000;

export const POST = sdkRoute("ingest", 600, async (req, origin) => {
  const batch = ZIngestBatch.parse(await readSdkBody(req, MAX_BATCH_BYTES_COMPRESSED, MAX_BATCH_BYTES_DECOMPRESSED));
  const site = await requireSiteForOrigin(batch.siteKey, origin);
  // A site's whole audience shares this budget: one site's flood cannot starve the others.
  rateLimit(`ingest-site:${site.id}`, SITE_BATCHES_PER_MINUTE, 60_000);
  const result = await ingestBatch(site, batch, { userAgent: req.headers.get("user-agent") });
  return { status: result.duplicate ? 200 : 201, body: result };
});

export const OPTIONS = sdkPreflight;
