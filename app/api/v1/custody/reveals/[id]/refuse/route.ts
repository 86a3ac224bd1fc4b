// POST /api/v1/custody/reveals/:id/refuse – the key custodian refuses an M2 unmasking, saying why
// (audited); the unmasked copy stays sealed.
import { ZIdParams } from "@/lib/http/input";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { refuseUnmasking } from "@/lib/reveal/custody";
import { ZCustodyRefuse } from "@/lib/reveal/schemas";

export const POST = withPermission("unmask:custody", { params: ZIdParams, body: ZCustodyRefuse }, async ({ actor, params, body }) =>
  json(await refuseUnmasking(actor, params.id, body.reason)),
);
