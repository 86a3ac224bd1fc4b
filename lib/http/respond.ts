import "server-only";
import { z } from "zod";
import { AppError, describeForLog, ERROR_STATUS, type ErrorCode } from "@/lib/errors";

export function json(data: unknown, init?: ResponseInit): Response {
  return Response.json(data, init);
}

export function errorJson(code: ErrorCode, message: string, headers?: HeadersInit): Response {
  return Response.json({ error: { code, message } }, { status: ERROR_STATUS[code], headers });
}

// "events.3.type: expected number" — names the field and the rule, never echoes the value.
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join(".") : "body"}: ${i.message}`)
    .join("; ");
}

// Unknown errors become a generic 500; the log gets describeForLog's account of them.
export function errorResponse(err: unknown, headers?: HeadersInit): Response {
  if (err instanceof AppError) return errorJson(err.code, err.message, headers);
  if (err instanceof z.ZodError) return errorJson("bad_request", describeZodError(err), headers);
  console.error("[replaydesk] unexpected error:", describeForLog(err));
  return Response.json({ error: { code: "internal", message: "Something went wrong on our side." } }, { status: 500, headers });
}
