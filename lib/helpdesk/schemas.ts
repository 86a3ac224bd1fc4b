import { z } from "zod";

export const ZHelpdeskWebhookParams = z.object({ connectionId: z.string().min(1).max(64) });
