// POST /api/v1/admin/sites/[id]/helpdesk-connections/[connectionId]/secret – a new webhook secret,
// shown in this answer only; the old one stops verifying at once.
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { rotateSiteConnectionSecret } from "@/lib/helpdesk/connections";
import { ZConnectionParams } from "@/lib/helpdesk/schemas";

export const POST = withPermission("helpdesk:manage", { params: ZConnectionParams }, async ({ actor, params }) =>
  json(await rotateSiteConnectionSecret(actor, params.id, params.connectionId), { status: 201, headers: { "Cache-Control": "no-store" } }),
);
