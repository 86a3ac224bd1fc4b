// DELETE /api/v1/admin/grants/[id] – revoke one role grant; it stops counting on the next request.
import { ZIdParams } from "@/lib/http/input";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { revokeGrant } from "@/lib/users/grants";
import { staffManager } from "@/lib/users/manager";

export const DELETE = withPermission("user:manage", { params: ZIdParams }, async ({ actor, params }) => {
  await revokeGrant(staffManager(actor), params.id);
  return json({ revoked: true });
});
