import { z } from "zod";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/event-types";

export const ZWebhookParams = z.object({ id: z.string(), webhookId: z.string() });

export const ZWebhookCreate = z
  .object({
    url: z.string({ error: "must be text" }).trim().min(1, "give the URL events are POSTed to").max(2000, "must be at most 2000 characters"),
    events: z.array(z.enum(WEBHOOK_EVENTS, { error: `must be one of ${WEBHOOK_EVENTS.join(", ")}` })).min(1, "choose at least one event"),
  })
  .strict();
export type TWebhookCreate = z.infer<typeof ZWebhookCreate>;
