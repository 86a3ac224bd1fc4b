// The input of the staff's notification settings route (lib/http/input.ts parses it; the OpenAPI
// document describes it). Browser-safe: the account page's form runs it too.
import { z } from "zod";
import { STAFF_NOTIFICATIONS } from "@/lib/notifications/preferences";

// The whole set the person wants, not a patch: saving the form twice gives the same result.
export const ZNotificationSettings = z.object({
  notifyOn: z
    .array(z.enum(STAFF_NOTIFICATIONS))
    .max(STAFF_NOTIFICATIONS.length)
    .transform((events) => [...new Set(events)]),
});
export type TNotificationSettings = z.infer<typeof ZNotificationSettings>;
