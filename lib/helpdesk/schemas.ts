import { z } from "zod";
import { HELPDESK_KINDS } from "@/lib/helpdesk/verify";

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

export const ZConnectionParams = z.object({ id: z.string(), connectionId: z.string() });

// A connection made on the site's admin page (the CLI's connect-helpdesk takes the same fields).
// secret: one the helpdesk generated (Zendesk, Chatwoot), else Replaydesk makes one; apiUrl and
// apiToken (Zammad, Chatwoot): where internal notes go, with the token they are written with.
export const ZConnectionCreate = z
  .object({
    kind: z.enum(HELPDESK_KINDS, { error: `must be one of ${HELPDESK_KINDS.join(", ")}` }),
    name: z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters").optional(),
    frameOrigins: z.array(z.string().trim().min(1).max(300), { error: "must be a list of origins" }).max(10, "at most 10 origins").optional(),
    secret: z.string().trim().min(16, "must be at least 16 characters").max(500).optional(),
    apiUrl: z.string().trim().min(1, "must not be empty").max(2000, "must be at most 2000 characters").optional(),
    apiToken: z.string().trim().min(1, "must not be empty").max(2000, "must be at most 2000 characters").optional(),
  })
  .strict();
export type TConnectionCreate = z.infer<typeof ZConnectionCreate>;
