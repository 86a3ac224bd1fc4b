import "server-only";
import { z } from "zod";
import { invalidInput } from "@/lib/http/respond";

// What a route takes, declared once beside its wrapper (withPermission, withApiToken,
// publicRoute, sdkRoute): the wrapper parses it before the handler runs, and lib/api/openapi.ts
// describes the same schemas. The schemas live in lib/<domain>/schemas.ts.
export type InputSchemas = {
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
};

type Parsed<S extends InputSchemas, K extends keyof InputSchemas> = S[K] extends z.ZodType ? z.output<S[K]> : undefined;
export type Input<S extends InputSchemas> = { body: Parsed<S, "body">; query: Parsed<S, "query">; params: Parsed<S, "params"> };

// A route handler that declares its input carries it, so a test can hold the OpenAPI document
// against what the route really parses.
export type WithInput<H> = H & { input: InputSchemas };

export const ZIdParams = z.object({ id: z.string() });

function parseWith(schema: z.ZodType | undefined, value: unknown): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) throw invalidInput(result.error);
  return result.data;
}

// The query string as an object: a name given twice counts once (its first value).
function queryObject(url: string): Record<string, string> {
  const search = new URL(url).searchParams;
  return Object.fromEntries([...new Set(search.keys())].map((k) => [k, search.get(k)!]));
}

// Parses a request's input against its schemas; a failure is a 400 whose body names each field
// (lib/http/respond.ts). `readBody` reads the raw body within the route's size bound; it runs
// only when a body schema is declared.
export async function parseInput<S extends InputSchemas>(req: Request, rawParams: unknown, schemas: S, readBody: (req: Request) => Promise<unknown>): Promise<Input<S>> {
  const params = parseWith(schemas.params, rawParams);
  const query = parseWith(schemas.query, schemas.query ? queryObject(req.url) : undefined);
  const body = parseWith(schemas.body, schemas.body ? await readBody(req) : undefined);
  return { body, query, params } as Input<S>;
}
