import { all, type Entry } from "./types";

// The agent panel (/embed/<connectionId>/…) has its own session (a code typed in the panel), not
// the app's: the app's cookie opens nothing there. An unknown connection shows no panel: 404 for
// everyone (tests/e2e/embed-panel.spec.ts covers a real connection).
const P = "/embed/no-such-connection";

export const embedRoutes: Record<string, Entry> = {
  "GET /embed/[connectionId]": { path: P, expect: all(404) },
  "POST /embed/[connectionId]/api/code": { path: `${P}/api/code`, expect: all(404), json: { email: "agent@demo.test" } },
  "GET /embed/[connectionId]/api/session": { path: `${P}/api/session`, expect: all(404) },
  "POST /embed/[connectionId]/api/session": { path: `${P}/api/session`, expect: all(404), json: { email: "agent@demo.test", code: "ABCDEFGH" } },
  "DELETE /embed/[connectionId]/api/session": { path: `${P}/api/session`, expect: all(404) },
  "GET /embed/[connectionId]/api/tickets": { path: `${P}/api/tickets?external=1`, expect: all(404) },
  "GET /embed/[connectionId]/api/tickets/[id]": { path: `${P}/api/tickets/no-such-ticket`, expect: all(404) },
  "POST /embed/[connectionId]/api/reveals": { path: `${P}/api/reveals`, expect: all(404), json: {} },
  "GET /embed/[connectionId]/api/recordings/[id]/events": { path: `${P}/api/recordings/no-such-recording/events`, expect: all(404) },
};
