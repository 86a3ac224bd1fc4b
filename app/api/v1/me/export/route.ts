// GET /api/v1/me/export – the signed-in customer's data as a JSON download (right of access):
// account, tickets and messages, recordings' metadata (never their content), requests to view
// them, audit entries about them.
import { withPermission } from "@/lib/http/with-permission";
import { appendAudit } from "@/lib/audit/append";
import { exportCustomerData } from "@/lib/account/customer-rights";

export const GET = withPermission("account:manage-own", async ({ actor }) => {
  const now = new Date();
  const data = await exportCustomerData(actor.userId, now);
  await appendAudit({ actor: { id: actor.userId, label: "customer" }, action: "account.export", target: { type: "user", id: actor.userId }, details: { tickets: data.tickets.length, recordings: data.recordings.length }, at: now });
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="replaydesk-export-${now.toISOString().slice(0, 10)}.json"`,
      "Cache-Control": "no-store",
    },
  });
});
