// GET|POST /api/auth/* – next-auth: email magic links and database sessions.
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { env } from "@/lib/config/env";
import { AppError, ERROR_STATUS } from "@/lib/errors";
import { clientKey, rateLimit } from "@/lib/http/rate-limit";
import { assertSameOrigin } from "@/lib/http/with-permission";

type Context = { params: Promise<{ nextauth: string[] }> };

const MINUTE = 60_000;

// Each magic-link request sends an email: bounded per client, and per address so that nobody can
// flood someone's mailbox (or our mail server's reputation) from many clients.
async function limitMagicLinks(req: Request): Promise<void> {
  rateLimit(`magic-link:${clientKey(req)}`, 20, MINUTE);
  const email = (await req.clone().formData().catch(() => null))?.get("email");
  if (typeof email !== "string" || !email) return;
  const address = email.trim().toLowerCase();
  rateLimit(`magic-link-to:${address}`, 5, MINUTE);
  rateLimit(`magic-link-to-hourly:${address}`, 20, 60 * MINUTE);
}

// next-auth checks its own CSRF token on POSTs; the same-origin check comes first anyway, as on
// every other state-changing route.
async function handle(req: Request, ctx: Context) {
  if (req.method === "POST") {
    try {
      assertSameOrigin(req);
      if ((await ctx.params).nextauth.join("/") === "signin/email") await limitMagicLinks(req);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      // next-auth's client reads `url` and shows the sign-in page's message for its `error`.
      const url = new URL(`/signin?error=${err.code === "rate_limited" ? "RateLimited" : "Forbidden"}`, env().APP_URL).href;
      return Response.json({ url, error: { code: err.code, message: err.message } }, { status: ERROR_STATUS[err.code] });
    }
  }
  return NextAuth(authOptions())(req, ctx);
}

export { handle as GET, handle as POST };
