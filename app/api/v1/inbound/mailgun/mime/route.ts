// POST /api/v1/inbound/mailgun/mime – Mailgun's inbound route posts a reply by email here, raw
// (forward() to a URL ending in "mime"); verified by its signature (lib/inbound/mailgun.ts).
import { readBounded } from "@/lib/http/body";
import { parseInput } from "@/lib/http/input";
import { clientKey, rateLimit } from "@/lib/http/rate-limit";
import { errorResponse, json } from "@/lib/http/respond";
import { AppError } from "@/lib/errors";
import { receiveMailgun, requireMailgunKey } from "@/lib/inbound/mailgun";
import { ZMailgunMime } from "@/lib/inbound/schemas";
import { MAX_INBOUND_MESSAGE_BYTES } from "@/lib/inbound/receive-mail";

export const dynamic = "force-dynamic";

const input = { body: ZMailgunMime };
// The raw message plus Mailgun's few other fields, form-encoded.
const MAX_POST_BYTES = MAX_INBOUND_MESSAGE_BYTES + 64 * 1024;

async function readForm(req: Request): Promise<Record<string, unknown>> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(type)) throw new AppError("unsupported_media_type", "Send Mailgun's form (multipart/form-data or application/x-www-form-urlencoded).");
  const form = await new Response(new Uint8Array(await readBounded(req, MAX_POST_BYTES)), { headers: { "content-type": type } }).formData().catch(() => {
    throw new AppError("bad_request", "The body is not a readable form.");
  });
  return Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string"));
}

async function handler(req: Request): Promise<Response> {
  try {
    requireMailgunKey();
    rateLimit(`mailgun-inbound:${clientKey(req)}`, 600, 60_000);
    const { body } = await parseInput(req, undefined, input, readForm);
    // 200 for everything verified, landed or not: Mailgun retries anything else, and the sender
    // learns nothing from it.
    const outcome = await receiveMailgun(body);
    return json({ received: true, result: outcome.result });
  } catch (err) {
    return errorResponse(err);
  }
}

export const POST = Object.assign(handler, { input });
