import { z } from "zod";

// What an agent pastes; lib/support-codes/code.ts decides whether it is a code.
export const ZSupportCodeLookup = z.object({ code: z.string().trim().min(1, "must be a support code (RD-XXXX-XXXX)").max(40, "must be a support code (RD-XXXX-XXXX)") });
