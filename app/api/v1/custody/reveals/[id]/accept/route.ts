// POST /api/v1/custody/reveals/:id/accept – the key custodian accepts an M2 unmasking the customer
// approved, with the custody secret: that recording's vault copy is unsealed for that approval.
import { withPermission } from "@/lib/http/with-permission";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { acceptUnmasking, custodyAcceptBody } from "@/lib/reveal/custody";

export const POST = withPermission<{ id: string }>("unmask:custody", async ({ req, actor, params }) => {
  const { secret } = await readJson(req, custodyAcceptBody);
  return json(await acceptUnmasking(actor, params.id, secret));
});
