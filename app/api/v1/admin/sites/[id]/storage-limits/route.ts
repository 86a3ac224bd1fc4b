// GET /api/v1/admin/sites/[id]/storage-limits – the site's storage use against its limits.
// PATCH /api/v1/admin/sites/[id]/storage-limits – change the storage quota and the per-session caps.
import { ZIdParams } from "@/lib/http/input";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { ZStorageLimitsPatch } from "@/lib/sites/schemas";
import { storageUsage, updateStorageLimits } from "@/lib/sites/storage-limits";

export const GET = withPermission("site:configure", { params: ZIdParams }, async ({ actor, params }) => json(await storageUsage(actor, params.id)));

export const PATCH = withPermission("site:configure", { params: ZIdParams, body: ZStorageLimitsPatch }, async ({ actor, params, body }) =>
  json(await updateStorageLimits(actor, params.id, body)),
);
