import { z } from "zod";

// What Mailgun's inbound route posts to a forward() URL ending in "mime" (the raw message), as
// form fields. Only these are read; Mailgun sends a few more (subject, from…), all in the message.
export const ZMailgunMime = z.object({
  timestamp: z.string().regex(/^\d{1,12}$/, "must be Mailgun's Unix time in seconds"),
  token: z.string().min(16, "must be Mailgun's random token").max(200, "must be Mailgun's random token"),
  signature: z.string().regex(/^[0-9a-f]{64}$/i, "must be Mailgun's hex HMAC-SHA256"),
  "body-mime": z.string().min(1, "must hold the raw message"),
  // The SMTP envelope as Mailgun saw it: RCPT TO (comma-separated) and MAIL FROM ("" for a bounce).
  recipient: z.string().max(4000).default(""),
  sender: z.string().max(1000).default(""),
});
export type TMailgunMime = z.infer<typeof ZMailgunMime>;
