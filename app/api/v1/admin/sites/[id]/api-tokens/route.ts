// POST /api/v1/admin/sites/[id]/api-tokens – create a publisher API token; the answer is the only
// time the token is shown.
import { withPermission } from "@/lib/http/with-permission";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { apiTokenBody, createApiToken } from "@/lib/sites/api-tokens";
import { requireSiteFor } from "@/lib/sites/admin-sites";
import { auditActor } from "@/lib/auth/scope";

export const POST = withPermission<{ id: string }>("site:configure", async ({ req, actor, params }) => {
  const { name } = await readJson(req, apiTokenBody);
  const site = await requireSiteFor(actor, params.id);
  return json(await createApiToken(site.id, name, auditActor(actor)), { status: 201, headers: { "Cache-Control": "no-store" } });
});
