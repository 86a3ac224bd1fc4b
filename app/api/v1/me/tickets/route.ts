// GET /api/v1/me/tickets – the signed-in customer's tickets.
// POST /api/v1/me/tickets – open a ticket from the support page.
import { withPermission } from "@/lib/http/with-permission";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { listOwnTickets } from "@/lib/tickets/ticket-views";
import { createOwnTicket, ZOwnTicketInput } from "@/lib/tickets/create-ticket";

export const GET = withPermission("ticket:read-own", async ({ actor }) => json({ tickets: await listOwnTickets(actor) }));

export const POST = withPermission("ticket:create", async ({ req, actor }) =>
  json(await createOwnTicket(actor, await readJson(req, ZOwnTicketInput)), { status: 201 }),
);
