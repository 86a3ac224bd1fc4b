// POST /api/v1/admin/jobs/[id]/resend – send a dead (or failed and waiting) job again now, attempts reset; audited.
import { ZIdParams } from "@/lib/http/input";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { resendJob } from "@/lib/jobs/resend-job";

export const POST = withPermission("outbox:manage", { allSites: "The outbox", params: ZIdParams }, async ({ actor, params }) => json(await resendJob(actor, params.id)));
