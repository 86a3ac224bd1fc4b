// POST /api/v1/admin/rights/erase – erase the person's data on the sites the caller covers, for a request received by another channel (audited).
import { withPermission } from "@/lib/http/with-permission";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { ZRightsErasure } from "@/lib/rights/request";
import { eraseSubjectData } from "@/lib/rights/erase-subject-data";

export const POST = withPermission("privacy:rights", async ({ req, actor }) => json({ erased: true, ...(await eraseSubjectData(actor, await readJson(req, ZRightsErasure))) }));
