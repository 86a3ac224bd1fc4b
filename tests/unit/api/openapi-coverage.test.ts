import path from "node:path";
import { describe, expect, it } from "vitest";
import type { InputSchemas } from "@/lib/http/input";
import { jsonSchemaOf, openApiDocument } from "@/lib/api/openapi";
import { discoverRoutes } from "@/tests/support/routes";

// The OpenAPI document against the route files on disk: every route and method is described, and
// what it describes of a request is what the route's wrapper parses.

type Operation = { parameters?: { name: string; in: string; schema: object }[]; requestBody?: { content: Record<string, { schema: object }> } };
const paths = openApiDocument.paths as Record<string, Record<string, Operation>>;

// /api/v1/desk/tickets/[id] → /api/v1/desk/tickets/{id}; a catch-all [...name] → {name}.
const openApiPath = (p: string) => p.replace(/\[(?:\.\.\.)?(\w+)\]/g, "{$1}");
const apiRoutes = discoverRoutes().filter((r) => r.kind === "route" && r.path.startsWith("/api/"));

// Handlers that read no declared input: next-auth's, the CORS preflights, the two documents, and
// POST /api/v1/tickets, which picks one of two wrapped handlers by its Authorization header.
const WITHOUT_INPUT = [
  "GET /api/auth/[...nextauth]",
  "POST /api/auth/[...nextauth]",
  "GET /api/v1/health",
  "GET /api/v1/openapi.json",
  "POST /api/v1/tickets",
  "OPTIONS /api/v1/consent",
  "OPTIONS /api/v1/ingest",
  "OPTIONS /api/v1/sdk-config",
  "OPTIONS /api/v1/support-codes",
  "OPTIONS /api/v1/tickets",
].sort();

describe("the OpenAPI document", () => {
  it("describes every route and method under app/api, and nothing else", () => {
    expect(apiRoutes.length).toBeGreaterThan(40);
    const onDisk = apiRoutes.map((r) => `${r.method} ${openApiPath(r.path)}`).sort();
    const documented = Object.entries(paths)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    expect(onDisk.filter((r) => !documented.includes(r)), "routes missing from the document").toEqual([]);
    expect(documented.filter((r) => !onDisk.includes(r)), "documented routes that do not exist").toEqual([]);
  });

  it("takes each route's body and query from the schemas its wrapper parses, and validates every path parameter", async () => {
    const withoutInput: string[] = [];
    for (const route of apiRoutes) {
      const key = `${route.method} ${route.path}`;
      if (route.path.startsWith("/api/auth/")) {
        withoutInput.push(key);
        continue;
      }
      const mod = (await import(path.resolve(route.file))) as Record<string, { input?: InputSchemas }>;
      const input = mod[route.method]?.input;
      if (!input) {
        withoutInput.push(key);
        continue;
      }
      const op = paths[openApiPath(route.path)]![route.method.toLowerCase()]!;
      const bodies = Object.values(op.requestBody?.content ?? {}).map((c) => c.schema);
      if (input.body) for (const schema of bodies) expect(schema, key).toEqual(jsonSchemaOf(input.body));
      expect(bodies.length > 0, `${key}: a request body is documented exactly when the route reads one`).toBe(Boolean(input.body));
      const queryDoc = (op.parameters ?? []).filter((p) => p.in === "query").map((p) => [p.name, p.schema]);
      const querySchema = input.query ? Object.entries((jsonSchemaOf(input.query) as { properties: Record<string, object> }).properties) : [];
      expect(queryDoc, key).toEqual(querySchema);
      expect(Boolean(input.params), `${key}: path parameters are parsed`).toBe(route.path.includes("["));
    }
    expect(withoutInput.sort()).toEqual(WITHOUT_INPUT);
  });

  it("says how a bad input is answered: a message and one issue per field", () => {
    const error = (openApiDocument.components.schemas.Error.properties.error as { properties: Record<string, unknown> }).properties;
    expect(Object.keys(error)).toEqual(["code", "message", "issues"]);
  });
});
