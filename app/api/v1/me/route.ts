// GET /api/v1/me – the signed-in account, its roles and permissions.
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";

export const GET = withPermission("account:manage-own", async ({ actor }) =>
  json({ email: actor.email, roles: actor.roles, permissions: [...actor.permissions].sort() }),
);
