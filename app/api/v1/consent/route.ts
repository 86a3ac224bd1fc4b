// POST /api/v1/consent – the SDK records consent given (the answer's proofId goes with the
// session's uploads) or withdrawn (the session's reveal requests end and its recording is deleted).
import { recordConsent } from "@/lib/ingest/record-consent";
import { ZConsentBody } from "@/lib/ingest/schemas";
import { sdkPreflight, sdkRoute } from "@/lib/ingest/sdk-route";
import { requireSiteForOrigin } from "@/lib/ingest/site-request";
import { rateLimit } from "@/lib/http/rate-limit";

const MAX_CONSENT_BYTES = 4096;
// L9: a real session posts its grant once (again only if an answer was lost) and maybe one
// withdrawal; a site's whole audience shares the second budget.
const RECORDS_PER_SESSION_PER_HOUR = 6;
const SITE_RECORDS_PER_MINUTE = 6_000;

export const POST = sdkRoute({ name: "consent", limitPerMinute: 60, body: ZConsentBody, maxBodyBytes: { compressed: MAX_CONSENT_BYTES, decompressed: MAX_CONSENT_BYTES } }, async ({ origin, body }) => {
  const site = await requireSiteForOrigin(body.siteKey, origin);
  rateLimit(`consent-site:${site.id}`, SITE_RECORDS_PER_MINUTE, 60_000);
  if (body.sessionId) rateLimit(`consent-session:${site.id}:${body.sessionId}`, RECORDS_PER_SESSION_PER_HOUR, 3_600_000);
  return { status: 201, body: await recordConsent(site, body) };
});

export const OPTIONS = sdkPreflight;
