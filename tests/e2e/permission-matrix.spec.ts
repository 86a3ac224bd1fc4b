import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { signInOverHttp } from "./fixtures/auth";

// Every page and route handler × every role (and signed out) with the status it must answer.
// A route file without an entry here, or an entry without a route, fails the first test.
type Who = "anon" | "customer" | "agent" | "supervisor" | "admin";
type Expect = Record<Who, number>;
const all = (status: number): Expect => ({ anon: status, customer: status, agent: status, supervisor: status, admin: status });
const signedIn = (status: number, anon = 401): Expect => ({ ...all(status), anon });

type Entry = { path: string; expect: Expect; body?: Record<string, unknown> };
const MATRIX: Record<string, Entry> = {
  "GET /": { path: "/", expect: all(200) },
  "GET /signin": { path: "/signin", expect: all(200) },
  "GET /signin/check-email": { path: "/signin/check-email", expect: all(200) },
  "GET /account": { path: "/account", expect: signedIn(200, 307) },
  "GET /dev/mailbox": { path: "/dev/mailbox", expect: all(200) },
  "GET /dev/mailbox/[id]": { path: "/dev/mailbox/1-000000000000", expect: all(404) },
  "GET /demo/shop": { path: "/demo/shop", expect: all(200) },
  "GET /api/auth/[...nextauth]": { path: "/api/auth/session", expect: all(200) },
  // Without next-auth's CSRF token a sign-in POST is bounced back to the sign-in page.
  "POST /api/auth/[...nextauth]": { path: "/api/auth/signin/email", expect: all(302), body: { email: "x@example.test" } },
  "GET /api/v1/health": { path: "/api/v1/health", expect: all(200) },
  "GET /api/v1/me": { path: "/api/v1/me", expect: signedIn(200) },
};

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

function discoverRoutes(dir = "app", segments: string[] = []): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      // (group) folders do not appear in the URL.
      found.push(...discoverRoutes(full, /^\(.*\)$/.test(entry.name) ? segments : [...segments, entry.name]));
    } else if (entry.name === "page.tsx") {
      found.push(`GET /${segments.join("/")}`);
    } else if (entry.name === "route.ts") {
      const source = readFileSync(full, "utf8");
      for (const m of METHODS) {
        if (new RegExp(`export (const|async function|function) ${m}\\b|as ${m}\\b`).test(source)) found.push(`${m} /${segments.join("/")}`);
      }
    }
  }
  return found;
}

test("every route and page has an entry in the permission matrix", () => {
  const routes = discoverRoutes().sort();
  expect(routes.filter((r) => !MATRIX[r]), "routes missing from MATRIX").toEqual([]);
  expect(Object.keys(MATRIX).filter((k) => !routes.includes(k)), "MATRIX entries without a route").toEqual([]);
});

test.describe("permission matrix", () => {
  const contexts = {} as Record<Who, APIRequestContext>;
  const accounts: Record<Exclude<Who, "anon">, string> = {
    customer: "customer@demo.test",
    agent: "agent@demo.test",
    supervisor: "supervisor@demo.test",
    admin: "admin@demo.test",
  };

  test.beforeAll(async () => {
    const baseURL = process.env.E2E_BASE_URL;
    contexts.anon = await playwrightRequest.newContext({ baseURL });
    for (const [who, email] of Object.entries(accounts) as [Exclude<Who, "anon">, string][]) {
      contexts[who] = await playwrightRequest.newContext({ baseURL });
      await signInOverHttp(contexts[who], email);
    }
  });

  test.afterAll(async () => {
    await Promise.all(Object.values(contexts).map((c) => c.dispose()));
  });

  for (const [key, entry] of Object.entries(MATRIX)) {
    test(key, async () => {
      const method = key.split(" ")[0]!;
      const seen: Record<string, number> = {};
      for (const who of Object.keys(entry.expect) as Who[]) {
        const res = await contexts[who].fetch(entry.path, {
          method,
          maxRedirects: 0,
          ...(entry.body ? { form: entry.body as Record<string, string> } : {}),
        });
        seen[who] = res.status();
      }
      expect(seen).toEqual(entry.expect);
    });
  }
});
