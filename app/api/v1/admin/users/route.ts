// POST /api/v1/admin/users – invite a staff member: grant a role (optionally on one site, until a
// date) and email an invitation to sign in.
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { inviteStaff } from "@/lib/users/invite";
import { ZInvite } from "@/lib/users/schemas";
import { staffManager } from "@/lib/users/manager";

export const POST = withPermission("user:manage", { allSites: "Managing staff", body: ZInvite }, async ({ actor, body }) =>
  json(await inviteStaff(staffManager(actor), body), { status: 201 }),
);
