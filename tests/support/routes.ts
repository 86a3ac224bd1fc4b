import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// Every page and route handler under app/, found on disk: the permission matrix
// (tests/e2e/permission-matrix.spec.ts) and the OpenAPI coverage test
// (tests/unit/api/openapi-coverage.test.ts) both start from this list, so neither can miss a route.

export const ROUTE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

// `path` as the folders spell it ("/api/v1/desk/tickets/[id]"); `file` relative to the repository.
export type FoundRoute = { kind: "page" | "route"; method: RouteMethod; path: string; file: string };

export function discoverRoutes(dir = "app", segments: string[] = []): FoundRoute[] {
  const found: FoundRoute[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      // (group) folders do not appear in the URL.
      found.push(...discoverRoutes(full, /^\(.*\)$/.test(entry.name) ? segments : [...segments, entry.name]));
    } else if (entry.name === "page.tsx") {
      found.push({ kind: "page", method: "GET", path: `/${segments.join("/")}`, file: full });
    } else if (entry.name === "route.ts") {
      const source = readFileSync(full, "utf8");
      for (const method of ROUTE_METHODS) {
        if (new RegExp(`export (const|async function|function) ${method}\\b|as ${method}\\b`).test(source)) found.push({ kind: "route", method, path: `/${segments.join("/")}`, file: full });
      }
    }
  }
  return found;
}
