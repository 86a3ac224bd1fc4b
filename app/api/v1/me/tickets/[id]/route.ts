// GET /api/v1/me/tickets/:id – one of the customer's tickets, with its recordings' metadata.
// PATCH /api/v1/me/tickets/:id – close or reopen it (closing deletes its recordings).
import { ZIdParams } from "@/lib/http/input";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { getOwnTicket } from "@/lib/tickets/ticket-views";
import { ZOwnTicketPatch } from "@/lib/tickets/schemas";
import { updateOwnTicket } from "@/lib/tickets/update-ticket";

export const GET = withPermission("ticket:read-own", { params: ZIdParams }, async ({ actor, params }) => json(await getOwnTicket(actor, params.id)));

export const PATCH = withPermission("ticket:read-own", { params: ZIdParams, body: ZOwnTicketPatch }, async ({ actor, params, body }) =>
  json(await updateOwnTicket(actor, params.id, body)),
);
