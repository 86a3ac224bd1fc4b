// POST /api/v1/admin/sites/[id]/pseudonym-secret – generate or rotate the site's pseudonym signing
// secret; the answer is the only time it is shown. Rotating unlinks later recordings from earlier ones.
import { ZIdParams } from "@/lib/http/input";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { rotatePseudonymSecret } from "@/lib/sites/pseudonym-secret";

export const POST = withPermission("site:configure", { params: ZIdParams }, async ({ actor, params }) =>
  json(await rotatePseudonymSecret(actor, params.id), { status: 201, headers: { "Cache-Control": "no-store" } }),
);
