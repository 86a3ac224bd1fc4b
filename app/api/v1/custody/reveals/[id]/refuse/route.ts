// POST /api/v1/custody/reveals/:id/refuse – the key custodian refuses an M2 unmasking, saying why
// (audited); the unmasked copy stays sealed.
import { withPermission } from "@/lib/http/with-permission";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { custodyRefuseBody, refuseUnmasking } from "@/lib/reveal/custody";

export const POST = withPermission<{ id: string }>("unmask:custody", async ({ req, actor, params }) => {
  const { reason } = await readJson(req, custodyRefuseBody);
  return json(await refuseUnmasking(actor, params.id, reason));
});
