// POST /api/v1/admin/sites/[id]/vault-key – generate the site's vault key pair (M1/M2), or rotate
// it: the previous key is retired and kept for the recordings sealed to it.
import { ZIdParams } from "@/lib/http/input";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { rotateVaultKey } from "@/lib/sites/vault-keys";

export const POST = withPermission("site:configure", { params: ZIdParams }, async ({ actor, params }) =>
  json(await rotateVaultKey(actor, params.id), { status: 201 }),
);
