import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { GRANT_REVIEW_DAYS, STAFF_ROLES } from "@/lib/auth/policy";
import { sendMail } from "@/lib/mail/send";
import { inviteEmail } from "@/lib/mail/templates/invite";
import { grantRole, normalizeEmail, type ActingUser } from "@/lib/users/grants";

const STAFF = STAFF_ROLES as readonly ("agent" | "supervisor" | "admin" | "privacy-officer")[];

export const inviteBody = z
  .object({
    email: z.email("must be an email address, like name@example.com").max(254, "must be at most 254 characters"),
    role: z.enum(STAFF, { error: `must be one of ${STAFF.join(", ")}` }),
    // null or absent: the grant covers every site.
    siteId: z.string().min(1, "must be a site id").max(64, "must be a site id").nullable().optional(),
    // The first day without access (UTC), as the CLI's --expires.
    expiresOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2027-06-30").nullable().optional(),
  })
  .strict();
export type InviteInput = z.infer<typeof inviteBody>;

// Where each role starts its work after signing in.
const LANDING: Record<string, string> = { agent: "/desk", supervisor: "/desk", admin: "/admin", "privacy-officer": "/custody" };

// Grants a staff role (creating the account if needed) and emails an invitation with a link to the
// sign-in page. The grant is committed first: if the mail fails, the admin is told and can resend
// by asking the person to sign in, nothing is half-written.
export async function inviteStaff(by: ActingUser, input: InviteInput, now = new Date()) {
  const email = normalizeEmail(input.email);
  const expiresAt = input.expiresOn ? new Date(`${input.expiresOn}T00:00:00Z`) : null;
  if (expiresAt && (Number.isNaN(expiresAt.getTime()) || expiresAt <= now)) throw new AppError("bad_request", "expiresOn: must be a real date after today.");
  const site = input.siteId ? await db().site.findUnique({ where: { id: input.siteId }, select: { id: true, name: true } }) : null;
  if (input.siteId && !site) throw new AppError("bad_request", "siteId: no such site.");
  const existing = await db().user.findUnique({ where: { email }, select: { deactivatedAt: true, locale: true } });
  if (existing?.deactivatedAt) throw new AppError("conflict", `${email} is deactivated; reactivate the account first.`);
  const { user, grant } = await grantRole({ email, role: input.role, siteId: site?.id ?? null, expiresAt, by, now });
  const url = new URL(`/signin?callbackUrl=${encodeURIComponent(LANDING[input.role] ?? "/")}`, env().APP_URL).href;
  let mailed = true;
  try {
    await sendMail({ to: email, ...inviteEmail({ url, role: input.role, siteName: site?.name ?? null, expiresAt, reviewDays: GRANT_REVIEW_DAYS, locale: existing?.locale }) });
  } catch (err) {
    mailed = false;
    console.error("[replaydesk] invitation email failed:", err instanceof Error ? err.name : "unknown");
  }
  return { userId: user.id, grantId: grant.id, mailed };
}
