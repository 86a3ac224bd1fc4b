// GET /api/v1/admin/sites/[id]/storage-limits – the site's storage use against its limits.
// PATCH /api/v1/admin/sites/[id]/storage-limits – change the storage quota and the per-session caps.
import { withPermission } from "@/lib/http/with-permission";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { storageUsage, updateStorageLimits, ZStorageLimitsPatch } from "@/lib/sites/storage-limits";

export const GET = withPermission<{ id: string }>("site:configure", async ({ actor, params }) => json(await storageUsage(actor, params.id)));

export const PATCH = withPermission<{ id: string }>("site:configure", async ({ req, actor, params }) =>
  json(await updateStorageLimits(actor, params.id, await readJson(req, ZStorageLimitsPatch))),
);
