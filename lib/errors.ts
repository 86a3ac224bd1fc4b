// The one error type domain code throws; lib/http/respond.ts maps codes to HTTP statuses.
import type { z } from "zod";

export const ERROR_STATUS = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

// One problem with one input field: `path` is its dotted path ("events.3.type"; "" for the input
// as a whole), `message` the rule it breaks, never the value.
export type FieldIssue = { path: string; message: string };

// A schema's problems as field issues (zod's path arrays joined with dots).
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

// The first message per top-level field, for a form to show beside each input; an issue about the
// input as a whole has no field (the error's message says it). One mapping for both places a form
// gets issues from: a 400's body (ApiError.fields) and the same schema run in the browser.
export function fieldErrors(issues: readonly FieldIssue[]): Partial<Record<string, string>> {
  const out: Partial<Record<string, string>> = {};
  for (const issue of issues) {
    const field = issue.path.split(".")[0];
    if (field) out[field] ??= issue.message;
  }
  return out;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    // Per-field problems of a bad input, for forms to show beside each field.
    readonly issues?: FieldIssue[],
    // A message a customer can see has its id in the catalogs' "errors" namespace, so their page
    // shows it in their language (lib/i18n/customer-error.ts).
    readonly key?: string,
  ) {
    super(message);
    this.name = "AppError";
  }
}

// How an unexpected error is written to a log: its class, code and where it was thrown, never its
// message (database, parser and mail errors quote the values they choked on: personal data,
// addresses, tokens).
export function describeForLog(err: unknown): string {
  if (!(err instanceof Error)) return "unknown";
  const code = (err as { code?: unknown }).code;
  const frames = (err.stack ?? "").split("\n").map((l) => l.trim()).filter((l) => l.startsWith("at ")).slice(0, 3);
  return `${err.name}${typeof code === "string" ? ` ${code}` : ""}${frames.length ? ` ${frames.join(" < ")}` : ""}`;
}
