// POST /api/v1/ingest – the recorder SDK uploads a batch of (masked) events for one session.
import { MAX_BATCH_BYTES_COMPRESSED, MAX_BATCH_BYTES_DECOMPRESSED } from "@/lib/replay/protocol";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { ZIngestBatch } from "@/lib/ingest/schemas";
import { sdkPreflight, sdkRoute } from "@/lib/ingest/sdk-route";
import { requireSiteForOrigin } from "@/lib/ingest/site-request";
import { rateLimit } from "@/lib/http/rate-limit";

const SITE_BATCHES_PER_MINUTE = 60_000;

const BODY_BYTES = { compressed: MAX_BATCH_BYTES_COMPRESSED, decompressed: MAX_BATCH_BYTES_DECOMPRESSED };

export const POST = sdkRoute({ name: "ingest", limitPerMinute: 600, body: ZIngestBatch, maxBodyBytes: BODY_BYTES }, async ({ req, origin, body: batch }) => {
  const site = await requireSiteForOrigin(batch.siteKey, origin);
  // A site's whole audience shares this budget: one site's flood cannot starve the others.
  rateLimit(`ingest-site:${site.id}`, SITE_BATCHES_PER_MINUTE, 60_000);
  const result = await ingestBatch(site, batch, { userAgent: req.headers.get("user-agent") });
  return { status: result.duplicate ? 200 : 201, body: result };
});

export const OPTIONS = sdkPreflight;
