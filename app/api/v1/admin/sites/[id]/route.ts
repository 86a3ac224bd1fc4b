// PATCH /api/v1/admin/sites/[id] – change some of a site's privacy settings (validated as a whole,
// audited with old and new values, in effect for sessions that start afterwards).
import { ZIdParams } from "@/lib/http/input";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { ZSiteSettingsPatch } from "@/lib/sites/schemas";
import { updateSiteSettings } from "@/lib/sites/update-settings";

export const PATCH = withPermission("site:configure", { params: ZIdParams, body: ZSiteSettingsPatch }, async ({ actor, params, body }) =>
  json(await updateSiteSettings(actor, params.id, body)),
);
