// POST /api/v1/custody/reveals/:id/accept – the key custodian accepts an M2 unmasking the customer
// approved, with the custody secret: that recording's vault copy is unsealed for that approval.
import { ZIdParams } from "@/lib/http/input";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { acceptUnmasking } from "@/lib/reveal/custody";
import { ZCustodyAccept } from "@/lib/reveal/schemas";

export const POST = withPermission("unmask:custody", { params: ZIdParams, body: ZCustodyAccept }, async ({ actor, params, body }) =>
  json(await acceptUnmasking(actor, params.id, body.secret)),
);
