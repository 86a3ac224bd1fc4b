// POST /api/v1/consent – the SDK records consent given or withdrawn; withdrawal deletes the
// session's untriggered data.
import { readSdkBody } from "@/lib/ingest/decode-body";
import { recordConsent } from "@/lib/ingest/record-consent";
import { ZConsentBody } from "@/lib/ingest/schemas";
import { sdkPreflight, sdkRoute } from "@/lib/ingest/sdk-route";
import { requireSiteForOrigin } from "@/lib/ingest/site-request";

const MAX_CONSENT_BYTES = 4096;

export const POST = sdkRoute("consent", 60, async (req, origin) => {
  const body = ZConsentBody.parse(await readSdkBody(req, MAX_CONSENT_BYTES, MAX_CONSENT_BYTES));
  const site = await requireSiteForOrigin(body.siteKey, origin);
  return { status: 201, body: await recordConsent(site, body) };
});

export const OPTIONS = sdkPreflight;
