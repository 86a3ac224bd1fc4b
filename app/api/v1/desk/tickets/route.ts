// GET /api/v1/desk/tickets – the support queue, filtered by status, site and assignee.
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { listQueue } from "@/lib/tickets/ticket-views";
import { ZQueueQuery } from "@/lib/tickets/schemas";

export const GET = withPermission("ticket:read", { query: ZQueueQuery }, async ({ actor, query }) => json({ tickets: await listQueue(actor, query) }));
