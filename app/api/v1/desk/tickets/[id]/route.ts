// GET /api/v1/desk/tickets/:id – a queue ticket with its thread and recordings' metadata.
// PATCH /api/v1/desk/tickets/:id – change its status or assignee.
import { ZIdParams } from "@/lib/http/input";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { getQueueTicket } from "@/lib/tickets/ticket-views";
import { ZQueueTicketPatch } from "@/lib/tickets/schemas";
import { updateQueueTicket } from "@/lib/tickets/update-ticket";

export const GET = withPermission("ticket:read", { params: ZIdParams }, async ({ actor, params }) => json(await getQueueTicket(actor, params.id)));

export const PATCH = withPermission("ticket:reply", { params: ZIdParams, body: ZQueueTicketPatch }, async ({ actor, params, body }) =>
  json(await updateQueueTicket(actor, params.id, body)),
);
