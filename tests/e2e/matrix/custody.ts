import { onlyFor, type Entry } from "./types";

const missing = "ck0000000000000000000000";

// Privacy point 6: the M2 key custodian's page and routes need unmask:custody, which only the
// privacy-officer role holds (none of the five callers here): every signed-in caller gets 403.
export const custodyRoutes: Record<string, Entry> = {
  "GET /custody": { path: "/custody", expect: onlyFor([], 200, 307) },
  "POST /api/v1/custody/sites/[id]/enrol": { path: `/api/v1/custody/sites/${missing}/enrol`, json: {}, expect: onlyFor([], 404) },
  "POST /api/v1/custody/reveals/[id]/accept": { path: `/api/v1/custody/reveals/${missing}/accept`, json: {}, expect: onlyFor([], 400) },
  "POST /api/v1/custody/reveals/[id]/refuse": { path: `/api/v1/custody/reveals/${missing}/refuse`, json: {}, expect: onlyFor([], 400) },
};
