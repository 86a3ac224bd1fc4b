// POST /api/v1/admin/rights/search – what is held about a person named by email or verified pseudonym, on the sites the caller covers (audited).
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { ZRightsRequest } from "@/lib/rights/schemas";
import { findSubjectData } from "@/lib/rights/find-subject-data";

// POST, not GET: an email address or a pseudonym never goes into a URL (logs, history).
export const POST = withPermission("privacy:rights", { body: ZRightsRequest }, async ({ actor, body }) => json(await findSubjectData(actor, body)));
