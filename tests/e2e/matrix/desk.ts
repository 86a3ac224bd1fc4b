import { all, onlyFor, signedIn, type Entry } from "./types";

const staff = ["agent", "supervisor"] as const;
const missing = "ck0000000000000000000000";

// Ids that exist nowhere: a permitted caller gets 404 (or 400 for an invalid body), others 403.
export const deskRoutes: Record<string, Entry> = {
  "GET /desk": { path: "/desk", expect: onlyFor([...staff], 200, 307) },
  "GET /desk/tickets/[id]": { path: `/desk/tickets/${missing}`, expect: onlyFor([...staff], 200, 307) },
  "GET /desk/validations": { path: "/desk/validations", expect: onlyFor(["supervisor"], 200, 307) },
  "GET /support": { path: "/support", expect: signedIn(200, 307) },
  "GET /support/tickets/[id]": { path: `/support/tickets/${missing}`, expect: signedIn(200, 307) },
  "GET /approve": { path: "/approve", expect: all(200) },
  "GET /support/confirm": { path: "/support/confirm", expect: all(200) },

  "GET /api/v1/desk/tickets": { path: "/api/v1/desk/tickets", expect: onlyFor([...staff]) },
  "GET /api/v1/desk/tickets/[id]": { path: `/api/v1/desk/tickets/${missing}`, expect: onlyFor([...staff], 404) },
  "PATCH /api/v1/desk/tickets/[id]": { path: `/api/v1/desk/tickets/${missing}`, json: {}, expect: onlyFor([...staff], 400) },
  "POST /api/v1/desk/tickets/[id]/messages": { path: `/api/v1/desk/tickets/${missing}/messages`, json: {}, expect: onlyFor([...staff], 400) },
  "GET /api/v1/desk/tickets/[id]/related-recordings": { path: `/api/v1/desk/tickets/${missing}/related-recordings`, expect: onlyFor([...staff], 404) },
  "POST /api/v1/desk/tickets/[id]/related-recordings": { path: `/api/v1/desk/tickets/${missing}/related-recordings`, json: {}, expect: onlyFor([...staff], 400) },
  "POST /api/v1/desk/tickets/[id]/support-code": { path: `/api/v1/desk/tickets/${missing}/support-code`, json: {}, expect: onlyFor([...staff], 400) },
  "POST /api/v1/desk/reveals": { path: "/api/v1/desk/reveals", json: {}, expect: onlyFor([...staff], 400) },
  "POST /api/v1/desk/reveals/[id]/validate": { path: `/api/v1/desk/reveals/${missing}/validate`, json: {}, expect: onlyFor(["supervisor"], 404) },
  "GET /api/v1/desk/recordings/[id]/events": { path: `/api/v1/desk/recordings/${missing}/events`, expect: onlyFor([...staff], 404) },

  "GET /api/v1/me/notifications": { path: "/api/v1/me/notifications", expect: onlyFor([...staff]) },
  "PUT /api/v1/me/notifications": { path: "/api/v1/me/notifications", json: {}, expect: onlyFor([...staff], 400) },
  "GET /api/v1/me/tickets": { path: "/api/v1/me/tickets", expect: signedIn(200) },
  "POST /api/v1/me/tickets": { path: "/api/v1/me/tickets", json: {}, expect: signedIn(400) },
  "GET /api/v1/me/tickets/[id]": { path: `/api/v1/me/tickets/${missing}`, expect: signedIn(404) },
  "PATCH /api/v1/me/tickets/[id]": { path: `/api/v1/me/tickets/${missing}`, json: {}, expect: signedIn(400) },
  "POST /api/v1/me/tickets/[id]/messages": { path: `/api/v1/me/tickets/${missing}/messages`, json: {}, expect: signedIn(400) },
  "POST /api/v1/me/reveals/[id]/withdraw": { path: `/api/v1/me/reveals/${missing}/withdraw`, json: {}, expect: signedIn(404) },
  "POST /api/v1/me/reveals/[id]/delete-recording": { path: `/api/v1/me/reveals/${missing}/delete-recording`, json: {}, expect: signedIn(404) },
  // One's own recording only (masked), whatever one's roles: anyone else's does not exist.
  "GET /api/v1/me/recordings/[id]/events": { path: `/api/v1/me/recordings/${missing}/events`, expect: signedIn(404) },

  "GET /api/v1/openapi.json": { path: "/api/v1/openapi.json", expect: all(200) },
  // A publisher's backend with an API token; accounts' cookies do not count.
  "GET /api/v1/reveals/[id]": { path: `/api/v1/reveals/${missing}`, expect: all(401) },
  "PUT /api/v1/tickets/[id]/helpdesk-reference": { path: `/api/v1/tickets/${missing}/helpdesk-reference`, json: {}, expect: all(401) },
  "POST /api/v1/tickets/[id]/reveals": { path: `/api/v1/tickets/${missing}/reveals`, json: {}, expect: all(401) },
  "POST /api/v1/tickets/[id]/close": { path: `/api/v1/tickets/${missing}/close`, json: {}, expect: all(401) },
  "POST /api/v1/tickets/[id]/reopen": { path: `/api/v1/tickets/${missing}/reopen`, json: {}, expect: all(401) },

  // Authorised by the token in the body, not by an account.
  "POST /api/v1/approvals/lookup": { path: "/api/v1/approvals/lookup", json: {}, expect: all(400) },
  "POST /api/v1/approvals/decide": { path: "/api/v1/approvals/decide", json: {}, expect: all(400) },
  "POST /api/v1/approvals/delete-recording": { path: "/api/v1/approvals/delete-recording", json: {}, expect: all(400) },
  "POST /api/v1/tickets/confirm": { path: "/api/v1/tickets/confirm", json: {}, expect: all(400) },
};
