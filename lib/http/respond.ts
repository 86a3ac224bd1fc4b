import "server-only";
import { z } from "zod";
import { AppError, describeForLog, ERROR_STATUS, fieldIssues, type ErrorCode, type FieldIssue } from "@/lib/errors";

export function json(data: unknown, init?: ResponseInit): Response {
  return Response.json(data, init);
}

// The one error body: { error: { code, message, key?, issues? } }; `issues` only for a bad input,
// `key` for a message customers see in their language.
export function errorJson(code: ErrorCode, message: string, headers?: HeadersInit, issues?: FieldIssue[], key?: string): Response {
  return Response.json({ error: { code, message, ...(key ? { key } : {}), ...(issues ? { issues } : {}) } }, { status: ERROR_STATUS[code], headers });
}

// "events.3.type: expected number" — names the field and the rule, never echoes the value.
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join(".") : "body"}: ${i.message}`)
    .join("; ");
}

// A 400 for an input that failed its schema: the readable message and the per-field issues (at
// most 50: a hostile body cannot grow the answer).
export function invalidInput(error: z.ZodError): AppError {
  return new AppError("bad_request", describeZodError(error), fieldIssues(error).slice(0, 50));
}

// Unknown errors become a generic 500; the log gets describeForLog's account of them.
export function errorResponse(err: unknown, headers?: HeadersInit): Response {
  if (err instanceof z.ZodError) err = invalidInput(err);
  if (err instanceof AppError) return errorJson(err.code, err.message, headers, err.issues, err.key);
  console.error("[replaydesk] unexpected error:", describeForLog(err));
  return Response.json({ error: { code: "internal", message: "Something went wrong on our side." } }, { status: 500, headers });
}
