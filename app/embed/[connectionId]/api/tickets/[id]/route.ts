// GET /embed/:connectionId/api/tickets/:id – the desk's view of a ticket this connection linked.
import { embedSessionRoute } from "@/lib/embed/route";
import { ZEmbedIdParams } from "@/lib/embed/schemas";
import { assertTicketLinked } from "@/lib/embed/tickets";
import { json } from "@/lib/http/respond";
import { getQueueTicket } from "@/lib/tickets/ticket-views";

export const GET = embedSessionRoute("ticket:read", { params: ZEmbedIdParams }, async ({ actor, connection, params }) => {
  await assertTicketLinked(connection, params.id);
  return json(await getQueueTicket(actor, params.id));
});
