// GET /api/v1/admin/sites/[id]/compliance.json – the site's compliance record as JSON.
import { ZIdParams } from "@/lib/http/input";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { loadComplianceRecord } from "@/lib/compliance/load";

export const GET = withPermission("audit:read", { params: ZIdParams }, async ({ actor, params }) => {
  const record = await loadComplianceRecord(actor, params.id);
  return json(record, { headers: { "Content-Disposition": `attachment; filename="compliance-${params.id}-${record.generatedAt.slice(0, 10)}.json"` } });
});
