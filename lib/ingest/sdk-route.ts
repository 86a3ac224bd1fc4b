import "server-only";
import { clientKey, rateLimit } from "@/lib/http/rate-limit";
import { errorResponse, json } from "@/lib/http/respond";
import { corsHeaders, preflight, requestOrigin } from "@/lib/ingest/site-request";

// The SDK's endpoints answer any origin with CORS headers (never credentials) so the SDK can read
// its errors; which origins may actually write is decided per site by requireSiteForOrigin.
export function sdkRoute(name: string, limitPerMinute: number, handler: (req: Request, origin: string | null) => Promise<{ status?: number; body: unknown }>) {
  return async (req: Request): Promise<Response> => {
    const origin = requestOrigin(req);
    try {
      rateLimit(`${name}:${clientKey(req)}`, limitPerMinute, 60_000);
      const { status, body } = await handler(req, origin);
      return json(body, { status: status ?? 200, headers: corsHeaders(origin) });
    } catch (err) {
      return errorResponse(err, corsHeaders(origin));
    }
  };
}

export const sdkPreflight = async (req: Request) => preflight(req);
