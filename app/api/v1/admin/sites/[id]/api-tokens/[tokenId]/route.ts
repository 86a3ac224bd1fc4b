// DELETE /api/v1/admin/sites/[id]/api-tokens/[tokenId] – revoke a publisher API token at once.
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { revokeApiToken } from "@/lib/sites/api-tokens";
import { requireSiteFor } from "@/lib/sites/admin-sites";
import { ZApiTokenParams } from "@/lib/sites/schemas";
import { auditActor } from "@/lib/auth/scope";

export const DELETE = withPermission("site:configure", { params: ZApiTokenParams }, async ({ actor, params }) => {
  const site = await requireSiteFor(actor, params.id);
  await revokeApiToken(site.id, params.tokenId, auditActor(actor));
  return json({ revoked: true });
});
