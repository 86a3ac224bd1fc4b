import "server-only";
import { currentActor, type Actor } from "@/lib/auth/actor";
import { can, type Permission } from "@/lib/auth/policy";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { requireAllSites } from "@/lib/auth/scope";
import { readJsonBody } from "@/lib/http/body";
import { parseInput, type Input, type InputSchemas, type WithInput } from "@/lib/http/input";
import { errorResponse } from "@/lib/http/respond";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

// Cookie-authenticated writes must come from our own pages: a cross-site form or fetch carries
// another Origin (or a Sec-Fetch-Site other than same-origin).
export function assertSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method)) return;
  const origin = req.headers.get("origin");
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw new AppError("forbidden", "Cross-site requests are not allowed here.");
  if (origin && origin !== new URL(env().APP_URL).origin) throw new AppError("forbidden", "Cross-site requests are not allowed here.");
}

type Options = InputSchemas & {
  // Body size limit in bytes (default: lib/http/body.ts).
  maxBodyBytes?: number;
  // The route acts on every site ("Creating a site"): refused (403) unless the actor's grant of
  // the permission covers them all, checked before the input is read.
  allSites?: string;
};
type Handler<S extends Options> = (ctx: { req: Request; actor: Actor } & Input<S>) => Promise<Response>;
type RouteHandler = (req: Request, ctx: { params: Promise<unknown> }) => Promise<Response>;

// Every signed-in route handler goes through here: 401 when signed out, 403 without the named
// permission, then the declared input parsed (400 naming each bad field), AppError codes mapped to
// statuses. Deny by default: no permission, no call.
export function withPermission(permission: Permission, handler: Handler<Options>): WithInput<RouteHandler>;
export function withPermission<S extends Options>(permission: Permission, options: S, handler: Handler<S>): WithInput<RouteHandler>;
export function withPermission<S extends Options>(permission: Permission, optionsOrHandler: S | Handler<S>, maybeHandler?: Handler<S>): WithInput<RouteHandler> {
  const options = (typeof optionsOrHandler === "function" ? {} : optionsOrHandler) as S;
  const handler = (typeof optionsOrHandler === "function" ? optionsOrHandler : maybeHandler)!;
  const route = async (req: Request, ctx: { params: Promise<unknown> }): Promise<Response> => {
    try {
      assertSameOrigin(req);
      const actor = await currentActor();
      if (!actor) throw new AppError("unauthenticated", "Sign in first.");
      if (!can(actor, permission)) throw new AppError("forbidden", `This needs the ${permission} permission.`);
      if (options.allSites) requireAllSites(actor, permission, options.allSites);
      const input = await parseInput(req, await ctx.params, options, (r) => readJsonBody(r, options.maxBodyBytes));
      return await handler({ req, actor, ...input });
    } catch (err) {
      return errorResponse(err);
    }
  };
  return Object.assign(route, { input: options });
}
