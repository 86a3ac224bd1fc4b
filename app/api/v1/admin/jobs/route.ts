// GET /api/v1/admin/jobs – the outbox: the newest jobs (optionally of one status), recipients masked.
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { listJobs } from "@/lib/jobs/list-jobs";
import { ZJobListQuery } from "@/lib/jobs/schemas";

export const GET = withPermission("outbox:manage", { allSites: "The outbox", query: ZJobListQuery }, async ({ query }) => json(await listJobs(query)));
