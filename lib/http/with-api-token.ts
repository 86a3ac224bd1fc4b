import "server-only";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/respond";
import { clientKey, rateLimit } from "@/lib/http/rate-limit";
import { authenticateApiToken } from "@/lib/sites/api-tokens";

// Routes a publisher's backend calls with `Authorization: Bearer rdt_...`: the token decides the
// one site the call may touch.
export function withApiToken<P = Record<string, never>>(handler: (ctx: { req: Request; siteId: string; params: P }) => Promise<Response>) {
  return async (req: Request, ctx: { params: Promise<P> }): Promise<Response> => {
    try {
      rateLimit(`api-token:${clientKey(req)}`, 120, 60_000);
      const auth = await authenticateApiToken(req.headers.get("authorization"));
      if (!auth) throw new AppError("unauthenticated", "Send a valid API token: Authorization: Bearer rdt_…");
      return await handler({ req, siteId: auth.siteId, params: await ctx.params });
    } catch (err) {
      return errorResponse(err);
    }
  };
}
