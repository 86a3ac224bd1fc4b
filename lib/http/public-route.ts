import "server-only";
import { currentActor, type Actor } from "@/lib/auth/actor";
import { readJsonBody } from "@/lib/http/body";
import { parseInput, type Input, type InputSchemas, type WithInput } from "@/lib/http/input";
import { clientKey, rateLimit } from "@/lib/http/rate-limit";
import { errorResponse } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/with-permission";

type Options = InputSchemas & { name: string; limitPerMinute: number; maxBodyBytes?: number };

// Routes that a token in the request authorises (not an account): same-origin writes only, a
// per-client rate limit against guessing, and the signed-in account if any (to refuse a token
// used from someone else's account).
export function publicRoute<S extends Options>(options: S, handler: (ctx: { req: Request; viewer: Actor | null } & Input<S>) => Promise<Response>): WithInput<(req: Request) => Promise<Response>> {
  const route = async (req: Request): Promise<Response> => {
    try {
      assertSameOrigin(req);
      rateLimit(`${options.name}:${clientKey(req)}`, options.limitPerMinute, 60_000);
      const input = await parseInput(req, undefined, options, (r) => readJsonBody(r, options.maxBodyBytes));
      return await handler({ req, viewer: await currentActor(), ...input });
    } catch (err) {
      return errorResponse(err);
    }
  };
  return Object.assign(route, { input: options });
}
