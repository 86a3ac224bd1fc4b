// PUT /api/v1/tickets/:id/helpdesk-reference – a publisher's backend (API token) links one of its
// site's tickets to its twin in a connected helpdesk; emits ticket.linked.
import { json } from "@/lib/http/respond";
import { ZIdParams } from "@/lib/http/input";
import { withApiToken } from "@/lib/http/with-api-token";
import { linkSiteTicket } from "@/lib/helpdesk/link-ticket";
import { ZHelpdeskReference } from "@/lib/helpdesk/schemas";
import { apiTokenActor } from "@/lib/sites/api-tokens";

export const PUT = withApiToken({ params: ZIdParams, body: ZHelpdeskReference }, async ({ siteId, tokenId, params, body }) => json(await linkSiteTicket(siteId, apiTokenActor(tokenId), params.id, body)));
