// The input of the customer's own-account routes (lib/http/input.ts parses it; the OpenAPI
// document describes it). Browser-safe.
import { z } from "zod";
import { DELETE_CONFIRMATION } from "@/lib/retention/rules";
import { LOCALES, isTimeZone } from "@/lib/i18n/locales";

// The confirmation makes an accidental or replayed request harmless: nothing happens without it.
export const ZDeleteAccount = z.object({ confirm: z.literal(DELETE_CONFIRMATION, { message: `must be exactly "${DELETE_CONFIRMATION}"` }) });

// The customer's language and time zone (null: times in UTC), chosen on the account page.
export const ZTimeZone = z.string().trim().max(64).refine(isTimeZone, "must be an IANA time zone such as Europe/Paris");
export const ZAccountPreferences = z.object({ locale: z.enum(LOCALES), timeZone: ZTimeZone.nullable() });
export type TAccountPreferences = z.infer<typeof ZAccountPreferences>;
