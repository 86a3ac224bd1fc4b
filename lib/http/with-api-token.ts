import "server-only";
import { AppError } from "@/lib/errors";
import { readJsonBody } from "@/lib/http/body";
import { parseInput, type Input, type InputSchemas, type WithInput } from "@/lib/http/input";
import { errorResponse } from "@/lib/http/respond";
import { clientKey, rateLimit } from "@/lib/http/rate-limit";
import { authenticateApiToken } from "@/lib/sites/api-tokens";

type Options = InputSchemas & { maxBodyBytes?: number };
type RouteHandler = (req: Request, ctx: { params: Promise<unknown> }) => Promise<Response>;

// Routes a publisher's backend calls with `Authorization: Bearer rdt_...`: the token decides the
// one site the call may touch (and, by its id, who is audited); the declared input is parsed once
// the token is accepted.
export function withApiToken<S extends Options>(options: S, handler: (ctx: { req: Request; siteId: string; tokenId: string } & Input<S>) => Promise<Response>): WithInput<RouteHandler> {
  const route = async (req: Request, ctx: { params: Promise<unknown> }): Promise<Response> => {
    try {
      rateLimit(`api-token:${clientKey(req)}`, 120, 60_000);
      const auth = await authenticateApiToken(req.headers.get("authorization"));
      if (!auth) throw new AppError("unauthenticated", "Send a valid API token: Authorization: Bearer rdt_…");
      const input = await parseInput(req, await ctx.params, options, (r) => readJsonBody(r, options.maxBodyBytes));
      return await handler({ req, siteId: auth.siteId, tokenId: auth.tokenId, ...input });
    } catch (err) {
      return errorResponse(err);
    }
  };
  return Object.assign(route, { input: options });
}
