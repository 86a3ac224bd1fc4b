// POST /api/v1/admin/sites – create a site (name and allowed origins; privacy settings start at
// the protective defaults).
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { createSite } from "@/lib/sites/create-site";
import { ZSiteCreate } from "@/lib/sites/schemas";
import { auditActor } from "@/lib/auth/scope";

export const POST = withPermission("site:configure", { allSites: "Creating a site", body: ZSiteCreate }, async ({ actor, body }) => {
  const site = await createSite({ name: body.name, origins: body.allowedOrigins, by: auditActor(actor) });
  return json({ id: site.id, publicKey: site.publicKey }, { status: 201 });
});
