// POST /api/v1/admin/rights/export – the person's data as a JSON download, for a request received by another channel (audited).
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { ZRightsRequest } from "@/lib/rights/schemas";
import { exportSubjectData } from "@/lib/rights/export-subject-data";

export const POST = withPermission("privacy:rights", { body: ZRightsRequest }, async ({ actor, body }) => {
  const data = await exportSubjectData(actor, body);
  return json(data, { headers: { "Content-Disposition": `attachment; filename="replaydesk-export-${data.exportedAt.slice(0, 10)}.json"` } });
});
