// POST /api/v1/support-codes – the SDK's Replaydesk.supportCode(): a code for the session's
// recording, once its "code" trigger batch is uploaded (lib/support-codes).
import { ZSupportCodeBody } from "@/lib/ingest/schemas";
import { sdkPreflight, sdkRoute } from "@/lib/ingest/sdk-route";
import { requireSiteForOrigin } from "@/lib/ingest/site-request";
import { rateLimit } from "@/lib/http/rate-limit";
import { issueSupportCode } from "@/lib/support-codes/support-codes";

const MAX_BODY_BYTES = 1024;
// A customer asks for a code a few times at most; each request replaces the previous code.
const CODES_PER_SESSION_PER_HOUR = 10;

export const POST = sdkRoute({ name: "support-codes", limitPerMinute: 30, body: ZSupportCodeBody, maxBodyBytes: { compressed: MAX_BODY_BYTES, decompressed: MAX_BODY_BYTES } }, async ({ origin, body }) => {
  const site = await requireSiteForOrigin(body.siteKey, origin);
  rateLimit(`support-codes-session:${site.id}:${body.sessionId}`, CODES_PER_SESSION_PER_HOUR, 3_600_000);
  return { status: 201, body: await issueSupportCode(site, body.sessionId) };
});

export const OPTIONS = sdkPreflight;
