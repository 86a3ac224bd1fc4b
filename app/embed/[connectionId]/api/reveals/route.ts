// POST /embed/:connectionId/api/reveals – "Ask to view" from the panel: the desk's request, for a
// ticket this connection linked.
import { embedSessionRoute } from "@/lib/embed/route";
import { ZEmbedParams } from "@/lib/embed/schemas";
import { assertTicketLinked } from "@/lib/embed/tickets";
import { json } from "@/lib/http/respond";
import { requestReveal } from "@/lib/reveal/request-reveal";
import { ZRevealRequestInput } from "@/lib/reveal/schemas";

export const POST = embedSessionRoute("replay:request", { params: ZEmbedParams, body: ZRevealRequestInput }, async ({ actor, connection, body }) => {
  await assertTicketLinked(connection, body.ticketId);
  return json(await requestReveal(actor, body), { status: 201 });
});
