// POST /api/v1/me/tickets/:id/messages – the customer replies.
import { ZIdParams } from "@/lib/http/input";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { ZMessageInput } from "@/lib/tickets/schemas";
import { addMessage } from "@/lib/tickets/update-ticket";

export const POST = withPermission("ticket:read-own", { params: ZIdParams, body: ZMessageInput }, async ({ actor, params, body }) =>
  json(await addMessage(actor, params.id, body.body, "own"), { status: 201 }),
);
