// POST /api/v1/admin/sites/[id]/webhooks/[webhookId]/disable – no new events; queued ones are skipped.
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { disableWebhookEndpoint } from "@/lib/webhooks/endpoints";
import { ZWebhookParams } from "@/lib/webhooks/schemas";

export const POST = withPermission("webhooks:manage", { params: ZWebhookParams }, async ({ actor, params }) => json(await disableWebhookEndpoint(actor, params.id, params.webhookId)));
