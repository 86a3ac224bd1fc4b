// GET /api/v1/sdk-config?siteKey=pk_... – the site's recording settings, fetched by the SDK only
// after consent.
import { sdkConfigFor } from "@/lib/ingest/sdk-config";
import { sdkPreflight, sdkRoute } from "@/lib/ingest/sdk-route";
import { requireSiteForOrigin } from "@/lib/ingest/site-request";

export const GET = sdkRoute("sdk-config", 120, async (req, origin) => {
  const site = await requireSiteForOrigin(new URL(req.url).searchParams.get("siteKey"), origin);
  return { body: sdkConfigFor(site) };
});

export const OPTIONS = sdkPreflight;
