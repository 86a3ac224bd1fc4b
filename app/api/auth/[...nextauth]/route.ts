// GET|POST /api/auth/* – next-auth: email magic links (confirmed on /signin/confirm) and database sessions.
import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { env } from "@/lib/config/env";
import { AppError, ERROR_STATUS } from "@/lib/errors";
import { readBounded } from "@/lib/http/body";
import { clientKey, rateLimit } from "@/lib/http/rate-limit";
import { assertSameOrigin } from "@/lib/http/with-permission";
import { normalizeEmail } from "@/lib/users/grants";

type Context = { params: Promise<{ nextauth: string[] }> };

const MINUTE = 60_000;
// next-auth's forms (sign-in, sign-out, the magic-link confirmation, its client's log lines) are
// a few hundred bytes; nothing larger is read.
const MAX_FORM_BYTES = 8 * 1024;
const LINK_FIELDS = ["token", "email", "callbackUrl"] as const;

// Each magic-link request sends an email: bounded per client, and per address so that nobody can
// flood someone's mailbox (or our mail server's reputation) from many clients. The address is
// keyed as next-auth normalises it before mailing (NFKC, trim, lowercase), so variants of one
// address share its allowance.
function limitMagicLinks(req: Request, form: URLSearchParams): void {
  rateLimit(`magic-link:${clientKey(req)}`, 20, MINUTE);
  const email = form.get("email");
  if (!email) return;
  const address = normalizeEmail(email);
  rateLimit(`magic-link-to:${address}`, 5, MINUTE);
  rateLimit(`magic-link-to-hourly:${address}`, 20, 60 * MINUTE);
}

// A magic link never signs in on a GET: a GET can come from another site (login CSRF) or from a
// mail scanner. The link opens /signin/confirm, whose button posts back here; links in the old
// form (sent before this change) are moved there too, their parameters in the fragment, which the
// browser keeps to itself.
function toConfirmationPage(req: Request): Response {
  const query = new URL(req.url).searchParams;
  const fields = new URLSearchParams(LINK_FIELDS.flatMap((k) => (query.has(k) ? [[k, query.get(k)!]] : [])));
  const page = new URL("/signin/confirm", env().APP_URL);
  page.hash = fields.toString();
  return Response.redirect(page.href, 303);
}

// next-auth gets the body already read (bounded); for the magic-link confirmation, the link's
// fields go where next-auth's email callback reads them, the query, only on this in-process copy.
function forNextAuth(req: Request, action: string, raw: Buffer, form: URLSearchParams): NextRequest {
  const url = new URL(req.url);
  if (action === "callback/email") for (const k of LINK_FIELDS) if (form.has(k)) url.searchParams.set(k, form.get(k)!);
  const headers = new Headers(req.headers);
  headers.delete("content-length");
  headers.delete("transfer-encoding");
  return new NextRequest(url, { method: "POST", headers, body: new Uint8Array(raw) });
}

// next-auth checks its own CSRF token on POSTs; the same-origin check comes first anyway, as on
// every other state-changing route (for the magic-link confirmation it is the login-CSRF defence).
async function handle(req: Request, ctx: Context) {
  const action = (await ctx.params).nextauth.join("/");
  if (req.method === "GET" && action === "callback/email") return toConfirmationPage(req);
  if (req.method !== "POST") return NextAuth(authOptions())(req, ctx);
  let forwarded: NextRequest;
  try {
    assertSameOrigin(req);
    const raw = await readBounded(req, MAX_FORM_BYTES);
    const form = (req.headers.get("content-type") ?? "").includes("application/x-www-form-urlencoded") ? new URLSearchParams(raw.toString("utf8")) : new URLSearchParams();
    if (action === "signin/email") limitMagicLinks(req, form);
    forwarded = forNextAuth(req, action, raw, form);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    // next-auth's client reads `url` and shows the sign-in page's message for its `error`.
    const url = new URL(`/signin?error=${err.code === "rate_limited" ? "RateLimited" : "Forbidden"}`, env().APP_URL).href;
    return Response.json({ url, error: { code: err.code, message: err.message } }, { status: ERROR_STATUS[err.code] });
  }
  return NextAuth(authOptions())(forwarded, ctx);
}

export { handle as GET, handle as POST };
