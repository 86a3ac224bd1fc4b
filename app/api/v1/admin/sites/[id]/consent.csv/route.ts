// GET /api/v1/admin/sites/[id]/consent.csv – the site's consent records as CSV (proof of consent
// for an audit): proof id, time, choice, banner version, session hash, when an upload used it.
import { ZIdParams } from "@/lib/http/input";
import { withPermission } from "@/lib/http/with-permission";
import { csvRow } from "@/lib/audit/csv";
import { CONSENT_CSV_HEADER, exportConsentRecords } from "@/lib/sites/consent-export";

export const GET = withPermission("audit:read", { params: ZIdParams }, async ({ actor, params }) => {
  const { siteId, rows } = await exportConsentRecords(actor, params.id);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      // The BOM makes spreadsheet software read the file as UTF-8.
      controller.enqueue(encoder.encode(`\uFEFF${csvRow(CONSENT_CSV_HEADER)}`));
    },
    async pull(controller) {
      const next = await rows.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(csvRow(next.value)));
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="consent-${siteId}-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
