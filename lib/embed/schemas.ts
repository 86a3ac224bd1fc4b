// The input of the agent panel's routes (app/embed/[connectionId]/api/…). Browser-safe.
import { z } from "zod";

const connectionId = z.string().min(1).max(64);
export const ZEmbedParams = z.object({ connectionId });
export const ZEmbedIdParams = z.object({ connectionId, id: z.string().min(1).max(64) });

const email = z.email("must be an email address").max(320).transform((e) => e.trim().toLowerCase());
export const ZEmbedCodeRequest = z.object({ email }).strict();
export const ZEmbedSignIn = z.object({ email, code: z.string().trim().min(4, "must be the code from the email").max(20, "must be the code from the email") }).strict();

// The helpdesk's own ticket id, only ever a lookup key within this connection.
export const ZEmbedTicketLookup = z.object({ external: z.string().trim().min(1, "must name the helpdesk's ticket").max(200) });
