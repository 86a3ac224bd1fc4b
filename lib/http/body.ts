import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { describeZodError } from "@/lib/http/respond";

const DEFAULT_MAX_JSON_BYTES = 64 * 1024;

// Reads a JSON body within a size bound and validates it; every failure is a 4xx naming the problem.
export async function readJson<S extends z.ZodType>(req: Request, schema: S, maxBytes = DEFAULT_MAX_JSON_BYTES): Promise<z.infer<S>> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    throw new AppError("unsupported_media_type", "Send the body as application/json.");
  }
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError("payload_too_large", `The body is larger than ${maxBytes} bytes.`);
  const raw = await req.text();
  if (Buffer.byteLength(raw) > maxBytes) throw new AppError("payload_too_large", `The body is larger than ${maxBytes} bytes.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON.");
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw new AppError("bad_request", describeZodError(result.error));
  return result.data;
}
