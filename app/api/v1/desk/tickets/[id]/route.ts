// GET /api/v1/desk/tickets/:id – a queue ticket with its thread and recordings' metadata.
// PATCH /api/v1/desk/tickets/:id – change its status or assignee.
import { withPermission } from "@/lib/http/with-permission";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { getQueueTicket } from "@/lib/tickets/ticket-views";
import { updateQueueTicket, ZQueueTicketPatch } from "@/lib/tickets/update-ticket";

export const GET = withPermission<{ id: string }>("ticket:read", async ({ actor, params }) => json(await getQueueTicket(actor, params.id)));

export const PATCH = withPermission<{ id: string }>("ticket:reply", async ({ req, actor, params }) =>
  json(await updateQueueTicket(actor, params.id, await readJson(req, ZQueueTicketPatch))),
);
