// POST /api/v1/admin/sites – create a site (name and allowed origins; privacy settings start at
// the protective defaults).
import { withPermission } from "@/lib/http/with-permission";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { createSite } from "@/lib/sites/create-site";
import { siteCreateSchema } from "@/lib/sites/settings-schema";
import { auditActor, requireAllSites } from "@/lib/auth/scope";

export const POST = withPermission("site:configure", async ({ req, actor }) => {
  requireAllSites(actor, "site:configure", "Creating a site");
  const body = await readJson(req, siteCreateSchema);
  const site = await createSite({ name: body.name, origins: body.allowedOrigins, by: auditActor(actor) });
  return json({ id: site.id, publicKey: site.publicKey }, { status: 201 });
});
