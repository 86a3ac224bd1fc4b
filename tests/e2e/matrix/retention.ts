import { onlyFor, signedIn, type Entry } from "./types";

const missing = "ck0000000000000000000000";

// Retention and the customer's rights. The matrix signs in as the demo accounts, so the account
// deletion row sends no confirmation: every signed-in caller gets the 400 that asks for it, and
// no demo account is deleted.
export const retentionRoutes: Record<string, Entry> = {
  "GET /admin/retention": { path: "/admin/retention", expect: onlyFor(["supervisor", "admin"], 200, 307) },
  "GET /api/v1/me/export": { path: "/api/v1/me/export", expect: signedIn(200) },
  "DELETE /api/v1/me": { path: "/api/v1/me", json: {}, expect: signedIn(400) },
  // Nobody owns a recording that does not exist; another customer's recording answers the same.
  "DELETE /api/v1/recordings/[id]": { path: `/api/v1/recordings/${missing}`, expect: signedIn(404) },
};
