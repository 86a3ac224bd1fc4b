// POST /api/v1/desk/tickets/:id/support-code – link the recording a customer's support code names
// to this ticket (rate limited per agent; a wrong code is a plain 404).
import { ZIdParams } from "@/lib/http/input";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { linkTicketBySupportCode } from "@/lib/support-codes/support-codes";
import { ZSupportCodeLookup } from "@/lib/support-codes/schemas";

export const POST = withPermission("ticket:reply", { params: ZIdParams, body: ZSupportCodeLookup }, async ({ actor, params, body }) =>
  json(await linkTicketBySupportCode(actor, params.id, body.code), { status: 201 }),
);
