import "server-only";
import type { z } from "zod";
import { parseInput, type Input, type InputSchemas, type WithInput } from "@/lib/http/input";
import { clientKey, rateLimit } from "@/lib/http/rate-limit";
import { errorResponse, json } from "@/lib/http/respond";
import { readSdkBody } from "@/lib/ingest/decode-body";
import { corsHeaders, preflight, requestOrigin } from "@/lib/ingest/site-request";

// A body schema comes with the body's bounds (lib/ingest/decode-body.ts): as sent (maybe gzip)
// and once decompressed.
type BodyBounds = { compressed: number; decompressed: number };
type Options = InputSchemas & { name: string; limitPerMinute: number } & ({ body?: undefined } | { body: z.ZodType; maxBodyBytes: BodyBounds });

// The SDK's endpoints answer any origin with CORS headers (never credentials) so the SDK can read
// its errors; which origins may actually write is decided per site by requireSiteForOrigin.
export function sdkRoute<S extends Options>(options: S, handler: (ctx: { req: Request; origin: string | null } & Input<S>) => Promise<{ status?: number; body: unknown }>): WithInput<(req: Request) => Promise<Response>> {
  const route = async (req: Request): Promise<Response> => {
    const origin = requestOrigin(req);
    try {
      rateLimit(`${options.name}:${clientKey(req)}`, options.limitPerMinute, 60_000);
      const readBody = (r: Request) => ("maxBodyBytes" in options ? readSdkBody(r, options.maxBodyBytes.compressed, options.maxBodyBytes.decompressed) : Promise.resolve(undefined));
      const input = await parseInput(req, undefined, options, readBody);
      const { status, body } = await handler({ req, origin, ...input });
      return json(body, { status: status ?? 200, headers: corsHeaders(origin) });
    } catch (err) {
      return errorResponse(err, corsHeaders(origin));
    }
  };
  return Object.assign(route, { input: options });
}

export const sdkPreflight = async (req: Request) => preflight(req);
