import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { sessionStateFor } from "./fixtures/auth";
import { AREAS } from "./matrix";
import type { Entry, Who } from "./matrix/types";
import { discoverRoutes } from "../support/routes";

// Every page and route handler × every role (and signed out) with the status it must answer. The
// rows live in ./matrix/<area>.ts; a route file without a row, or a row without a route, fails.
const MATRIX: Record<string, Entry> = Object.assign({}, ...Object.values(AREAS));

test("every route and page has exactly one entry in the permission matrix", () => {
  const keys = Object.values(AREAS).flatMap((area) => Object.keys(area));
  expect(keys.filter((k, i) => keys.indexOf(k) !== i), "rows defined in two areas").toEqual([]);
  // CORS preflights (OPTIONS) answer anyone alike: they are not in the matrix.
  const routes = discoverRoutes()
    .filter((r) => r.method !== "OPTIONS")
    .map((r) => `${r.method} ${r.path}`)
    .sort();
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
      contexts[who] = await playwrightRequest.newContext({ baseURL, storageState: await sessionStateFor(email) });
    }
  });

  test.afterAll(async () => {
    await Promise.all(Object.values(contexts).map((c) => c.dispose()));
  });

  for (const [key, entry] of Object.entries(MATRIX)) {
    test(key, async () => {
      // Room to wait out one rate-limit window (below).
      test.setTimeout(150_000);
      const method = key.split(" ")[0]!;
      const seen: Record<string, number> = {};
      for (const who of Object.keys(entry.expect) as Who[]) {
        const send = () =>
          contexts[who].fetch(entry.path, {
            method,
            maxRedirects: 0,
            ...(entry.form ? { form: entry.form } : {}),
            ...(entry.json !== undefined ? { data: entry.json, headers: { "content-type": "application/json", origin: process.env.E2E_BASE_URL! } } : {}),
          });
        let res = await send();
        // Every spec's requests leave from 127.0.0.1: a per-client limit other specs used up (the
        // public ticket route's 10 a minute) is waited out as its answer says, then asked again.
        for (let attempt = 1; res.status() === 429 && attempt < 5; attempt++) {
          const seconds = Number(/try again in (\d+) s/.exec(await res.text())?.[1] ?? 10);
          await new Promise((resolve) => setTimeout(resolve, (seconds + 1) * 1000));
          res = await send();
        }
        seen[who] = res.status();
      }
      expect(seen).toEqual(entry.expect);
    });
  }
});
