// GET /api/v1/admin/audit.csv?actor=&action=&site=&from=&to= – the filtered audit log as CSV.
import { withPermission } from "@/lib/http/with-permission";
import { appendAudit } from "@/lib/audit/append";
import { csvRow } from "@/lib/audit/csv";
import { iterateAudit } from "@/lib/audit/query";
import { ZAuditFilter } from "@/lib/audit/schemas";
import { auditActor } from "@/lib/auth/scope";

const HEADER = ["seq", "at", "actor", "action", "target_type", "target_id", "site_id", "justification", "details", "hash"];

export const GET = withPermission("audit:read", { query: ZAuditFilter }, async ({ actor, query: filter }) => {
  // The export is never paged: iterateAudit ignores `page`.
  // Reading the log out is itself an access worth recording.
  await appendAudit({ actor: auditActor(actor), action: "audit.export", target: { type: "audit" }, details: { filter } });
  const encoder = new TextEncoder();
  const rows = iterateAudit(actor, filter);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      // The BOM makes spreadsheet software read the file as UTF-8.
      controller.enqueue(encoder.encode(`\uFEFF${csvRow(HEADER)}`));
    },
    async pull(controller) {
      const next = await rows.next();
      if (next.done) return controller.close();
      const e = next.value;
      controller.enqueue(encoder.encode(csvRow([e.seq, e.at.toISOString(), e.actorLabel, e.action, e.targetType, e.targetId, e.siteId, e.justification, e.details, e.hash])));
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
