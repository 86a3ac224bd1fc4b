import { NextResponse, type NextRequest } from "next/server";
import { embedConnection, frameAncestors } from "@/lib/embed/connection";

// Who may frame this page: nobody, except the agent panel (/embed/<connectionId>/…), which its
// helpdesk connection's origins may frame, looked up on every request (a disabled connection or a
// removed origin counts at once).
async function frameAncestorsFor(pathname: string): Promise<string> {
  // Connection ids are plain tokens: an encoded segment names none (embedConnection checks).
  const panel = /^\/embed\/([^/]+)/.exec(pathname);
  return panel ? frameAncestors(await embedConnection(panel[1]!)) : "'none'";
}

// Content-Security-Policy for the app's pages: scripts only from our origin with this request's
// nonce (no 'unsafe-inline'), nothing may frame us but the agent panel's helpdesk, no plugins,
// forms post only to us.
export async function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const dev = process.env.NODE_ENV === "development";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes are needed by the replay player; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${await frameAncestorsFor(request.nextUrl.pathname)}`,
  ].join("; ");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [
    {
      // API routes answer JSON; /sdk and /demo are served to (or as) third-party pages with their own policy.
      source: "/((?!api/|_next/static|_next/image|favicon.ico|sdk/|demo/).*)",
      // Skipped only for React Server Component payloads (the router's fetches, prefetches
      // included): they are not documents, and carry no script tag for a nonce. A document
      // fetched ahead of time (Purpose/Sec-Purpose: prefetch, speculation rules) is shown later
      // as it was received, so it gets the policy like any other.
      missing: [{ type: "header", key: "rsc" }],
    },
  ],
};
