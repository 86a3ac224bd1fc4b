// The input of the staff-management routes (lib/http/input.ts parses it; the OpenAPI document
// describes it). Browser-safe.
import { z } from "zod";
import { STAFF_ROLES } from "@/lib/auth/policy";

const STAFF = STAFF_ROLES as readonly ("agent" | "supervisor" | "admin" | "privacy-officer")[];

export const ZInvite = z
  .object({
    email: z.email("must be an email address, like name@example.com").max(254, "must be at most 254 characters"),
    role: z.enum(STAFF, { error: `must be one of ${STAFF.join(", ")}` }),
    // null or absent: the grant covers every site.
    siteId: z.string().min(1, "must be a site id").max(64, "must be a site id").nullable().optional(),
    // The first day without access (UTC), as the CLI's --expires.
    expiresOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2027-06-30").nullable().optional(),
  })
  .strict();
export type TInvite = z.infer<typeof ZInvite>;

export const ZUserActive = z.object({ active: z.boolean({ error: "must be true or false" }) }).strict();
