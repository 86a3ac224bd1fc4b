import "server-only";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { AppError } from "@/lib/errors";
import { readBounded } from "@/lib/http/body";

const GZIP_MAGIC = [0x1f, 0x8b];
// On the libuv thread pool: up to 8 MB of output would otherwise be inflated on the event loop.
const gunzipAsync = promisify(gunzip);
const ACCEPTED_TYPES = ["text/plain", "application/json", "application/octet-stream", "application/gzip"];

// Reads an SDK body: plain JSON text or gzip (detected by its magic bytes, since sendBeacon and
// preflight-free fetches cannot set Content-Encoding). Both the compressed and the decompressed
// size are bounded, so a decompression bomb stops at the limit instead of filling memory.
export async function readSdkBody(req: Request, maxCompressed: number, maxDecompressed: number): Promise<unknown> {
  const type = (req.headers.get("content-type") ?? "text/plain").split(";")[0]!.trim().toLowerCase();
  if (!ACCEPTED_TYPES.includes(type)) throw new AppError("unsupported_media_type", `Content-Type ${type} is not accepted; send text/plain or application/json.`);
  const raw = await readBounded(req, maxCompressed);
  let text: string;
  if (raw[0] === GZIP_MAGIC[0] && raw[1] === GZIP_MAGIC[1]) {
    try {
      text = (await gunzipAsync(raw, { maxOutputLength: maxDecompressed })).toString("utf8");
    } catch (err) {
      if (err instanceof RangeError || (err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
        throw new AppError("payload_too_large", `The body decompresses to more than ${maxDecompressed} bytes.`);
      }
      throw new AppError("bad_request", "The body is not valid gzip.");
    }
  } else {
    if (raw.length > maxDecompressed) throw new AppError("payload_too_large", `The body is larger than ${maxDecompressed} bytes.`);
    text = raw.toString("utf8");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON.");
  }
}
