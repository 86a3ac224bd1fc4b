import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { GRANT_REVIEW_DAYS } from "@/lib/auth/policy";
import { sendMail } from "@/lib/mail/send";
import { inviteEmail } from "@/lib/mail/templates/invite";
import { grantRole, normalizeEmail, type ActingUser } from "@/lib/users/grants";
import type { TInvite } from "@/lib/users/schemas";

// Where each role starts its work after signing in.
const LANDING: Record<string, string> = { agent: "/desk", supervisor: "/desk", admin: "/admin", "privacy-officer": "/custody" };

// Grants a staff role (creating the account if needed) and emails an invitation with a link to the
// sign-in page. The grant is committed first: if the mail fails, the admin is told and can resend
// by asking the person to sign in, nothing is half-written.
export async function inviteStaff(by: ActingUser, input: TInvite, now = new Date()) {
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
