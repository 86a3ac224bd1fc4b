// POST /api/v1/admin/sites/[id]/helpdesk-connections/[connectionId]/disconnect – its webhook answers
// 404 from now on and no note is written; linked tickets keep their reference.
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { disconnectSiteHelpdesk } from "@/lib/helpdesk/connections";
import { ZConnectionParams } from "@/lib/helpdesk/schemas";

export const POST = withPermission("helpdesk:manage", { params: ZConnectionParams }, async ({ actor, params }) => json(await disconnectSiteHelpdesk(actor, params.id, params.connectionId)));
