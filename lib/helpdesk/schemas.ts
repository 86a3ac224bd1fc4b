import { z } from "zod";

export const ZHelpdeskWebhookParams = z.object({ connectionId: z.string().min(1).max(64) });
// Taken as the raw text: the signature covers these exact bytes, so it is verified before the JSON
// inside is read (lib/helpdesk/receive-webhook.ts).
export const ZHelpdeskWebhookBody = z.string().min(1).describe("The helpdesk's own JSON payload (docs/integrations.md), signed as sent");

// A publisher's backend links one of its tickets to its twin in a connected helpdesk.
export const ZHelpdeskReference = z
  .object({
    connectionId: z.string({ error: "must be the id of one of this site's helpdesk connections" }).min(1, "must be the id of one of this site's helpdesk connections").max(64),
    externalId: z.string({ error: "must be the helpdesk's ticket id" }).trim().min(1, "must be the helpdesk's ticket id").max(200),
    url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2000).optional(),
  })
  .strict();
