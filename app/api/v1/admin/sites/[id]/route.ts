// PATCH /api/v1/admin/sites/[id] – change some of a site's privacy settings (validated as a whole,
// audited with old and new values, in effect for sessions that start afterwards).
import { z } from "zod";
import { withPermission } from "@/lib/http/with-permission";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { updateSiteSettings } from "@/lib/sites/update-settings";

const Body = z.record(z.string(), z.unknown(), { error: "must be an object of settings" });

export const PATCH = withPermission<{ id: string }>("site:configure", async ({ req, actor, params }) =>
  json(await updateSiteSettings(actor, params.id, await readJson(req, Body))),
);
