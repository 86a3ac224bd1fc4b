// PATCH /api/v1/admin/users/[id] – deactivate (ending their sessions at once) or reactivate an account.
import { ZIdParams } from "@/lib/http/input";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { setUserActive } from "@/lib/users/deactivate";
import { staffManager } from "@/lib/users/manager";
import { ZUserActive } from "@/lib/users/schemas";

export const PATCH = withPermission("user:manage", { allSites: "Managing staff", params: ZIdParams, body: ZUserActive }, async ({ actor, params, body }) =>
  json(await setUserActive(staffManager(actor), params.id, body.active)),
);
