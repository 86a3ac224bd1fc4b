// POST /api/v1/admin/grants/[id]/review – confirm a role grant is still needed (S2 periodic review).
import { ZIdParams } from "@/lib/http/input";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { confirmGrantReview } from "@/lib/users/grants";
import { staffManager } from "@/lib/users/manager";

export const POST = withPermission("user:manage", { params: ZIdParams }, async ({ actor, params }) =>
  json(await confirmGrantReview(staffManager(actor), params.id)),
);
