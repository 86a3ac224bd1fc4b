// GET /api/v1/sdk-config?siteKey=pk_... – the site's recording settings, fetched by the SDK only
// after consent.
import { sdkConfigFor } from "@/lib/ingest/sdk-config";
import { ZSdkConfigQuery } from "@/lib/ingest/schemas";
import { sdkPreflight, sdkRoute } from "@/lib/ingest/sdk-route";
import { requireSiteForOrigin } from "@/lib/ingest/site-request";

export const GET = sdkRoute({ name: "sdk-config", limitPerMinute: 120, query: ZSdkConfigQuery }, async ({ origin, query }) => {
  const site = await requireSiteForOrigin(query.siteKey ?? null, origin);
  return { body: sdkConfigFor(site) };
});

export const OPTIONS = sdkPreflight;
