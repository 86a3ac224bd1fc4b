// POST /api/v1/admin/sites/[id]/pseudonym-key – rotate the site's pseudonym key: later sessions'
// pseudonyms cannot be linked to earlier ones.
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { rotatePseudonymKey } from "@/lib/sites/pseudonym-key";

export const POST = withPermission<{ id: string }>("site:configure", async ({ actor, params }) =>
  json(await rotatePseudonymKey(actor, params.id)),
);
