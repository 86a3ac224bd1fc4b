// GET  /api/v1/admin/sites/[id]/webhooks – the site's outbound webhook endpoints (never their secrets).
// POST /api/v1/admin/sites/[id]/webhooks – add one; the URL is checked against internal addresses
// (WEBHOOK_ALLOWED_HOSTS admits some); the answer is the only time its whsec_ secret is shown.
import { ZIdParams } from "@/lib/http/input";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { createWebhookEndpoint, listWebhookEndpoints } from "@/lib/webhooks/endpoints";
import { ZWebhookCreate } from "@/lib/webhooks/schemas";

export const GET = withPermission("webhooks:manage", { params: ZIdParams }, async ({ actor, params }) => json(await listWebhookEndpoints(actor, params.id)));

export const POST = withPermission("webhooks:manage", { params: ZIdParams, body: ZWebhookCreate }, async ({ actor, params, body }) =>
  json(await createWebhookEndpoint(actor, params.id, body), { status: 201, headers: { "Cache-Control": "no-store" } }),
);
