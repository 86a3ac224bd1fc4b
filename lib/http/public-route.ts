import "server-only";
import { currentActor, type Actor } from "@/lib/auth/actor";
import { clientKey, rateLimit } from "@/lib/http/rate-limit";
import { errorResponse } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/with-permission";

// Routes that a token in the request authorises (not an account): same-origin writes only, a
// per-client rate limit against guessing, and the signed-in account if any (to refuse a token
// used from someone else's account).
export function publicRoute(name: string, limitPerMinute: number, handler: (ctx: { req: Request; viewer: Actor | null }) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    try {
      assertSameOrigin(req);
      rateLimit(`${name}:${clientKey(req)}`, limitPerMinute, 60_000);
      return await handler({ req, viewer: await currentActor() });
    } catch (err) {
      return errorResponse(err);
    }
  };
}
