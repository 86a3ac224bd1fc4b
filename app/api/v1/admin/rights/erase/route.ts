// POST /api/v1/admin/rights/erase – erase the person's data on the sites the caller covers, for a request received by another channel (audited).
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { ZRightsErasure } from "@/lib/rights/schemas";
import { eraseSubjectData } from "@/lib/rights/erase-subject-data";

export const POST = withPermission("privacy:rights", { body: ZRightsErasure }, async ({ actor, body }) => json({ erased: true, ...(await eraseSubjectData(actor, body)) }));
