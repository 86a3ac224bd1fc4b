import { z } from "zod";

export const ZHelpdeskWebhookParams = z.object({ connectionId: z.string().min(1).max(64) });
// Taken as the raw text: the signature covers these exact bytes, so it is verified before the JSON
// inside is read (lib/helpdesk/receive-webhook.ts).
export const ZHelpdeskWebhookBody = z.string().min(1).describe("The helpdesk's own JSON payload (docs/integrations.md), signed as sent");
