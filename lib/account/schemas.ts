// The input of the customer's own-account routes (lib/http/input.ts parses it; the OpenAPI
// document describes it). Browser-safe.
import { z } from "zod";
import { DELETE_CONFIRMATION } from "@/lib/retention/rules";

// The confirmation makes an accidental or replayed request harmless: nothing happens without it.
export const ZDeleteAccount = z.object({ confirm: z.literal(DELETE_CONFIRMATION, { message: `must be exactly "${DELETE_CONFIRMATION}"` }) });
