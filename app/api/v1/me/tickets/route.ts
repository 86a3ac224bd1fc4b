// GET /api/v1/me/tickets – the signed-in customer's tickets.
// POST /api/v1/me/tickets – open a ticket from the support page.
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { listOwnTickets } from "@/lib/tickets/ticket-views";
import { createOwnTicket } from "@/lib/tickets/create-ticket";
import { ZOwnTicketInput } from "@/lib/tickets/schemas";

export const GET = withPermission("ticket:read-own", async ({ actor }) => json({ tickets: await listOwnTickets(actor) }));

export const POST = withPermission("ticket:create", { body: ZOwnTicketInput }, async ({ actor, body }) =>
  json(await createOwnTicket(actor, body), { status: 201 }),
);
