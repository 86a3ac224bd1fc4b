// POST /api/v1/desk/tickets/:id/messages – an agent replies to the customer.
import { ZIdParams } from "@/lib/http/input";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { ZMessageInput } from "@/lib/tickets/schemas";
import { addMessage } from "@/lib/tickets/update-ticket";

export const POST = withPermission("ticket:reply", { params: ZIdParams, body: ZMessageInput }, async ({ actor, params, body }) =>
  json(await addMessage(actor, params.id, body.body, "queue"), { status: 201 }),
);
