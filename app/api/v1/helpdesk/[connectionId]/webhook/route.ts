// POST /api/v1/helpdesk/{connectionId}/webhook – a helpdesk's ticket events (created, closed,
// reopened, deleted), verified by the connection's signature scheme (lib/helpdesk/verify.ts); the
// id in the path is not secret. Server to server: no cookie is read.
import { readBounded } from "@/lib/http/body";
import { parseInput } from "@/lib/http/input";
import { clientKey, rateLimit } from "@/lib/http/rate-limit";
import { errorResponse, json } from "@/lib/http/respond";
import { receiveHelpdeskWebhook } from "@/lib/helpdesk/receive-webhook";
import { ZHelpdeskWebhookBody, ZHelpdeskWebhookParams } from "@/lib/helpdesk/schemas";

export const dynamic = "force-dynamic";

const input = { params: ZHelpdeskWebhookParams, body: ZHelpdeskWebhookBody };
// Ticket events are small; Zendesk's and Chatwoot's full payloads stay well under this.
const MAX_WEBHOOK_BYTES = 256 * 1024;

async function handler(req: Request, ctx: { params: Promise<unknown> }): Promise<Response> {
  try {
    rateLimit(`helpdesk-webhook:${clientKey(req)}`, 600, 60_000);
    const { params, body } = await parseInput(req, await ctx.params, input, async (r) => (await readBounded(r, MAX_WEBHOOK_BYTES)).toString("utf8"));
    const outcome = await receiveHelpdeskWebhook(params.connectionId, { headers: req.headers, body });
    return json({ received: true, ...outcome });
  } catch (err) {
    return errorResponse(err);
  }
}

export const POST = Object.assign(handler, { input });
