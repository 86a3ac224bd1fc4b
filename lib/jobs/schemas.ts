// The input of the outbox's admin routes (lib/http/input.ts parses it; the OpenAPI document
// describes it). Browser-safe.
import { z } from "zod";

export const JOB_FILTERS = ["queued", "dead", "done"] as const;

export const ZJobListQuery = z.object({ status: z.enum(JOB_FILTERS, { error: `must be one of ${JOB_FILTERS.join(", ")}` }).optional() }).strict();
export type TJobListQuery = z.infer<typeof ZJobListQuery>;
