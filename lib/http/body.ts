import "server-only";
import { AppError } from "@/lib/errors";

const DEFAULT_MAX_JSON_BYTES = 64 * 1024;

const tooLarge = (max: number) => new AppError("payload_too_large", `The body is larger than ${max} bytes.`);

// Reads a request body as it streams in and stops at `max` bytes: a declared Content-Length over
// the limit is refused before reading, and a body without one (chunked) is cut off as soon as it
// passes the limit, so no more than the limit (plus the chunk in hand) is ever held in memory.
export async function readBounded(req: Request, max: number): Promise<Buffer> {
  if (Number(req.headers.get("content-length") ?? "0") > max) throw tooLarge(max);
  if (!req.body) return Buffer.alloc(0);
  const parts: Buffer[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw tooLarge(max);
    }
    parts.push(Buffer.from(value));
  }
  return Buffer.concat(parts);
}

// Reads a JSON body within a size bound (the route's schema is applied by lib/http/input.ts);
// every failure is a 4xx naming the problem.
export async function readJsonBody(req: Request, maxBytes = DEFAULT_MAX_JSON_BYTES): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    throw new AppError("unsupported_media_type", "Send the body as application/json.");
  }
  const raw = (await readBounded(req, maxBytes)).toString("utf8");
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON.");
  }
}
