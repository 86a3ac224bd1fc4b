// POST /api/v1/tickets/:id/reveals – a publisher's backend (API token) asks the customer to approve
// a viewing on behalf of a named agent, who must hold the ask permission on the ticket's site.
import { json } from "@/lib/http/respond";
import { ZIdParams } from "@/lib/http/input";
import { withApiToken } from "@/lib/http/with-api-token";
import { requestRevealForAgent } from "@/lib/reveal/request-reveal";
import { ZApiRevealRequest } from "@/lib/reveal/schemas";
import { apiTokenActor } from "@/lib/sites/api-tokens";

export const POST = withApiToken({ params: ZIdParams, body: ZApiRevealRequest }, async ({ siteId, tokenId, params, body: { agentEmail, ...ask } }) =>
  json(await requestRevealForAgent(siteId, apiTokenActor(tokenId), agentEmail, { ...ask, ticketId: params.id }), { status: 201 }),
);
