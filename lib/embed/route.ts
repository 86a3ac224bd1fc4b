import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";
import { readJsonBody } from "@/lib/http/body";
import { parseInput, type Input, type InputSchemas, type WithInput } from "@/lib/http/input";
import { errorResponse } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/with-permission";
import { embedConnection, type EmbedConnection } from "@/lib/embed/connection";
import { mayUsePanel, SESSION_COOKIE } from "@/lib/embed/policy";
import { embedActor } from "@/lib/embed/sign-in";

type RouteHandler = (req: Request, ctx: { params: Promise<unknown> }) => Promise<Response>;
type Ctx<S extends InputSchemas> = { req: Request; connection: EmbedConnection; token: string | undefined } & Input<S>;

export function sessionToken(req: Request): string | undefined {
  const cookie = req.headers.get("cookie") ?? "";
  return new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([A-Za-z0-9_-]+)`).exec(cookie)?.[1];
}

// Every agent panel route: the connection named in the path (404 when it shows no panel), then
// writes only from our own pages. The panel's cookie is SameSite=None, so the helpdesk's page, or
// any page framing or posting to it, would otherwise send it along (assertSameOrigin: Origin and
// Sec-Fetch-Site must be ours).
export function embedRoute<S extends InputSchemas>(options: S, handler: (ctx: Ctx<S>) => Promise<Response>): WithInput<RouteHandler> {
  const route = async (req: Request, ctx: { params: Promise<unknown> }): Promise<Response> => {
    try {
      assertSameOrigin(req);
      const raw = (await ctx.params) as { connectionId?: string };
      const connection = await embedConnection(raw.connectionId ?? "");
      if (!connection) throw new AppError("not_found", "No agent panel here.");
      const input = await parseInput(req, raw, options, (r) => readJsonBody(r));
      return await handler({ req, connection, token: sessionToken(req), ...input });
    } catch (err) {
      return errorResponse(err);
    }
  };
  return Object.assign(route, { input: options });
}

// The same, signed in to the panel with `permission` on the connection's site (401 signed out:
// the panel then shows its sign-in form; 403 without it). The actor is resolved again on every request.
export function embedSessionRoute<S extends InputSchemas>(permission: Permission, options: S, handler: (ctx: Ctx<S> & { actor: Actor }) => Promise<Response>): WithInput<RouteHandler> {
  return embedRoute(options, async (ctx) => {
    const actor = await embedActor(ctx.connection, ctx.token);
    if (!actor) throw new AppError("unauthenticated", "Sign in to the panel first.");
    if (!mayUsePanel(actor, ctx.connection.siteId, permission)) throw new AppError("forbidden", `This needs the ${permission} permission on this site.`);
    return handler({ ...ctx, actor });
  });
}
