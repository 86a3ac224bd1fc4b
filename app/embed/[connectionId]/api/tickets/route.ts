// GET /embed/:connectionId/api/tickets?external=<helpdesk ticket id> – the Replaydesk ticket this
// connection linked to that helpdesk ticket.
import { embedSessionRoute } from "@/lib/embed/route";
import { ZEmbedParams, ZEmbedTicketLookup } from "@/lib/embed/schemas";
import { linkedTicketId } from "@/lib/embed/tickets";
import { json } from "@/lib/http/respond";

export const GET = embedSessionRoute("ticket:read", { params: ZEmbedParams, query: ZEmbedTicketLookup }, async ({ connection, query }) =>
  json({ id: await linkedTicketId(connection, query.external) }),
);
