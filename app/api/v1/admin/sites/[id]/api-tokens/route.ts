// POST /api/v1/admin/sites/[id]/api-tokens – create a publisher API token; the answer is the only
// time the token is shown.
import { ZIdParams } from "@/lib/http/input";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { createApiToken } from "@/lib/sites/api-tokens";
import { ZApiTokenCreate } from "@/lib/sites/schemas";
import { requireSiteFor } from "@/lib/sites/admin-sites";
import { auditActor } from "@/lib/auth/scope";

export const POST = withPermission("site:configure", { params: ZIdParams, body: ZApiTokenCreate }, async ({ actor, params, body: { name } }) => {
  const site = await requireSiteFor(actor, params.id);
  return json(await createApiToken(site.id, name, auditActor(actor)), { status: 201, headers: { "Cache-Control": "no-store" } });
});
