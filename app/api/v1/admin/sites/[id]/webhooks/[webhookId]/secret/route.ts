// POST /api/v1/admin/sites/[id]/webhooks/[webhookId]/secret – rotate the signing secret; the answer
// is the only time the new one is shown. Deliveries from now on (retries included) use it.
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { rotateWebhookSecret } from "@/lib/webhooks/endpoints";
import { ZWebhookParams } from "@/lib/webhooks/schemas";

export const POST = withPermission("webhooks:manage", { params: ZWebhookParams }, async ({ actor, params }) =>
  json(await rotateWebhookSecret(actor, params.id, params.webhookId), { status: 201, headers: { "Cache-Control": "no-store" } }),
);
