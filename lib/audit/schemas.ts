// The audit log's filters: the audit page and the CSV export read them from the query string
// (lib/http/input.ts parses the export's; the OpenAPI document describes them). Browser-safe.
import { z } from "zod";

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2026-03-31")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "must be a real date");
const optional = <T extends z.ZodType>(s: T) => z.preprocess((v) => (v === "" ? undefined : v), s.optional());

export const ZAuditFilter = z.object({
  actor: optional(z.string().trim().max(254, "must be at most 254 characters")),
  action: optional(z.string().trim().max(100, "must be at most 100 characters")),
  site: optional(z.string().trim().max(64, "must be a site id")),
  from: optional(date),
  to: optional(date),
  page: optional(z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(100_000, "is too large")),
});
export type TAuditFilter = z.infer<typeof ZAuditFilter>;

// The audit page's search params (a name given twice counts once, as in lib/http/input.ts).
export function filterFromSearchParams(params: Record<string, string | string[] | undefined>) {
  return ZAuditFilter.safeParse(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, [v].flat()[0]])));
}
