// GET /api/v1/me/tickets/:id – one of the customer's tickets, with its recordings' metadata.
// PATCH /api/v1/me/tickets/:id – close or reopen it (closing deletes its recordings).
import { withPermission } from "@/lib/http/with-permission";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { getOwnTicket } from "@/lib/tickets/ticket-views";
import { updateOwnTicket, ZOwnTicketPatch } from "@/lib/tickets/update-ticket";

export const GET = withPermission<{ id: string }>("ticket:read-own", async ({ actor, params }) => json(await getOwnTicket(actor, params.id)));

export const PATCH = withPermission<{ id: string }>("ticket:read-own", async ({ req, actor, params }) =>
  json(await updateOwnTicket(actor, params.id, await readJson(req, ZOwnTicketPatch))),
);
