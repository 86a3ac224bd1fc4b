// GET  /api/v1/admin/sites/[id]/helpdesk-connections – the site's helpdesk connections (never a secret or API token).
// POST /api/v1/admin/sites/[id]/helpdesk-connections – connect one (the CLI's connect-helpdesk); the
// answer is the only time its webhook secret is shown; an API token given is stored sealed, never shown.
import { ZIdParams } from "@/lib/http/input";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { connectSiteHelpdesk, listSiteConnections } from "@/lib/helpdesk/connections";
import { ZConnectionCreate } from "@/lib/helpdesk/schemas";

export const GET = withPermission("helpdesk:manage", { params: ZIdParams }, async ({ actor, params }) => json(await listSiteConnections(actor, params.id)));

export const POST = withPermission("helpdesk:manage", { params: ZIdParams, body: ZConnectionCreate }, async ({ actor, params, body }) =>
  json(await connectSiteHelpdesk(actor, params.id, body), { status: 201, headers: { "Cache-Control": "no-store" } }),
);
