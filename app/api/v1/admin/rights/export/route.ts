// POST /api/v1/admin/rights/export – the person's data as a JSON download, for a request received by another channel (audited).
import { withPermission } from "@/lib/http/with-permission";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { ZRightsRequest } from "@/lib/rights/request";
import { exportSubjectData } from "@/lib/rights/export-subject-data";

export const POST = withPermission("privacy:rights", async ({ req, actor }) => {
  const data = await exportSubjectData(actor, await readJson(req, ZRightsRequest));
  return json(data, { headers: { "Content-Disposition": `attachment; filename="replaydesk-export-${data.exportedAt.slice(0, 10)}.json"` } });
});
