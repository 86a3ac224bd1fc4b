// GET /api/v1/me/notifications – the ticket events the signed-in staff member is emailed about.
// PUT /api/v1/me/notifications – replace that choice: body {"notifyOn": [event, …]}.
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { ZNotificationSettings } from "@/lib/notifications/schemas";
import { getNotificationSettings, setNotificationSettings } from "@/lib/notifications/settings";

// Every event on offer concerns the support queue, so choosing them takes reading it.
export const GET = withPermission("ticket:read", async ({ actor }) => json(await getNotificationSettings(actor)));

export const PUT = withPermission("ticket:read", { body: ZNotificationSettings }, async ({ actor, body }) => json(await setNotificationSettings(actor, body)));
