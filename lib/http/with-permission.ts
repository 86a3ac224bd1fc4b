import "server-only";
import { currentActor, type Actor } from "@/lib/auth/actor";
import { can, type Permission } from "@/lib/auth/policy";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/respond";

type Handler<P> = (ctx: { req: Request; actor: Actor; params: P }) => Promise<Response>;

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

// Every signed-in route handler goes through here: 401 when signed out, 403 without the named
// permission, AppError codes mapped to statuses. Deny by default: no permission, no call.
export function withPermission<P = Record<string, never>>(permission: Permission, handler: Handler<P>) {
  return async (req: Request, ctx: { params: Promise<P> }): Promise<Response> => {
    try {
      assertSameOrigin(req);
      const actor = await currentActor();
      if (!actor) throw new AppError("unauthenticated", "Sign in first.");
      if (!can(actor, permission)) throw new AppError("forbidden", `This needs the ${permission} permission.`);
      return await handler({ req, actor, params: await ctx.params });
    } catch (err) {
      return errorResponse(err);
    }
  };
}
