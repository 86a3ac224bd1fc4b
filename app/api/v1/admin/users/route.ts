// POST /api/v1/admin/users – invite a staff member: grant a role (optionally on one site, until a
// date) and email an invitation to sign in.
import { withPermission } from "@/lib/http/with-permission";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { inviteBody, inviteStaff } from "@/lib/users/invite";
import { staffManager } from "@/lib/users/manager";

export const POST = withPermission("user:manage", async ({ req, actor }) => {
  const by = staffManager(actor);
  const result = await inviteStaff(by, await readJson(req, inviteBody));
  return json(result, { status: 201 });
});
