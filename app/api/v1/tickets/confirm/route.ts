// POST /api/v1/tickets/confirm – the owner of an address confirms, with the emailed token, that a ticket filed under it is theirs.
import { json } from "@/lib/http/respond";
import { publicRoute } from "@/lib/http/public-route";
import { confirmTicketClaim } from "@/lib/tickets/confirm-ticket-claim";
import { ZTicketClaimConfirm } from "@/lib/tickets/schemas";

export const POST = publicRoute({ name: "ticket-confirm", limitPerMinute: 20, body: ZTicketClaimConfirm }, async ({ viewer, body }) => json(await confirmTicketClaim(body.token, viewer)));
