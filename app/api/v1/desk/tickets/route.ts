// GET /api/v1/desk/tickets – the support queue, filtered by status, site and assignee.
import { z } from "zod";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { listQueue } from "@/lib/tickets/ticket-views";
import { TICKET_STATUSES } from "@/lib/tickets/ticket-status";

const ZQueueQuery = z.object({
  status: z.enum(TICKET_STATUSES).optional(),
  siteId: z.string().max(64).optional(),
  assignee: z.enum(["me", "unassigned"]).optional(),
});

export const GET = withPermission("ticket:read", async ({ req, actor }) => {
  const query = ZQueueQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return json({ tickets: await listQueue(actor, query) });
});
