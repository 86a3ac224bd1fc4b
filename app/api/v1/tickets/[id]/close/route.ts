// POST /api/v1/tickets/:id/close – a publisher's backend (API token) closes one of its site's tickets
// (the desk's rules, audited as the token); "unchanged" when it already was.
import { json } from "@/lib/http/respond";
import { ZIdParams } from "@/lib/http/input";
import { withApiToken } from "@/lib/http/with-api-token";
import { apiTokenActor } from "@/lib/sites/api-tokens";
import { setSiteTicketStatus } from "@/lib/tickets/update-ticket";

export const POST = withApiToken({ params: ZIdParams }, async ({ siteId, tokenId, params }) => json(await setSiteTicketStatus(siteId, apiTokenActor(tokenId), params.id, "closed")));
