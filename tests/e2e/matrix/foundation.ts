import { all, signedIn, type Entry } from "./types";

export const foundationRoutes: Record<string, Entry> = {
  "GET /": { path: "/", expect: all(200) },
  "GET /signin": { path: "/signin", expect: all(200) },
  "GET /signin/check-email": { path: "/signin/check-email", expect: all(200) },
  "GET /signin/confirm": { path: "/signin/confirm", expect: all(200) },
  "GET /account": { path: "/account", expect: signedIn(200, 307) },
  "GET /dev/mailbox": { path: "/dev/mailbox", expect: all(200) },
  "GET /dev/mailbox/[id]": { path: "/dev/mailbox/1-000000000000", expect: all(404) },
  "GET /api/auth/[...nextauth]": { path: "/api/auth/session", expect: all(200) },
  // Without next-auth's CSRF token a sign-in POST is bounced back to the sign-in page.
  "POST /api/auth/[...nextauth]": { path: "/api/auth/signin/email", expect: all(302), form: { email: "x@example.test" } },
  "GET /api/v1/health": { path: "/api/v1/health", expect: all(200) },
  // The test app has no MAILGUN_SIGNING_KEY: replies through Mailgun are off for everyone.
  "POST /api/v1/inbound/mailgun/mime": { path: "/api/v1/inbound/mailgun/mime", expect: all(404), form: {} },
  // Signature-authenticated, no cookie read: an unknown connection is 404 for everyone.
  "POST /api/v1/helpdesk/[connectionId]/webhook": { path: "/api/v1/helpdesk/no-such-connection/webhook", expect: all(404), json: {} },
  "GET /api/v1/me": { path: "/api/v1/me", expect: signedIn(200) },
  // An empty body changes nothing: every signed-in caller gets the 400 naming the missing fields.
  "PATCH /api/v1/me": { path: "/api/v1/me", json: {}, expect: signedIn(400) },
};
