import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { GRANT_REVIEW_DAYS, isGrantActive } from "@/lib/auth/policy";
import { enqueueMail } from "@/lib/jobs/enqueue";
import type { OutgoingMail } from "@/lib/mail/send";
import { inviteEmail } from "@/lib/mail/templates/invite";
import { grantRole, normalizeEmail, type ActingUser } from "@/lib/users/grants";
import type { TInvite } from "@/lib/users/schemas";

// Where each role starts its work after signing in.
const LANDING: Record<string, string> = { agent: "/desk", supervisor: "/desk", admin: "/admin", "privacy-officer": "/custody" };

// Grants a staff role (creating the account if needed) and queues an invitation with a link to the
// sign-in page, in the grant's transaction: the outbox delivers it, retrying while the mail server
// is down (the admin's outbox page shows it).
export async function inviteStaff(by: ActingUser, input: TInvite, now = new Date()) {
  const email = normalizeEmail(input.email);
  const expiresAt = input.expiresOn ? new Date(`${input.expiresOn}T00:00:00Z`) : null;
  if (expiresAt && (Number.isNaN(expiresAt.getTime()) || expiresAt <= now)) throw new AppError("bad_request", "expiresOn: must be a real date after today.");
  const site = input.siteId ? await db().site.findUnique({ where: { id: input.siteId }, select: { id: true } }) : null;
  if (input.siteId && !site) throw new AppError("bad_request", "siteId: no such site.");
  const existing = await db().user.findUnique({ where: { email }, select: { deactivatedAt: true } });
  if (existing?.deactivatedAt) throw new AppError("conflict", `${email} is deactivated; reactivate the account first.`);
  const { user, grant } = await grantRole({
    email,
    role: input.role,
    siteId: site?.id ?? null,
    expiresAt,
    by,
    now,
    afterGrant: (tx, granted) => enqueueMail(tx, { template: "invite", params: granted, to: { email, userId: granted.userId } }, now).then(() => undefined),
  });
  return { userId: user.id, grantId: grant.id };
}

// Rendered when it is sent, from the grant as it is then: a grant revoked or expired meanwhile,
// or an account deactivated, sends nothing.
export async function renderInvite(p: { userId: string; grantId: string }, now: Date): Promise<Omit<OutgoingMail, "to"> | null> {
  const grant = await db().roleGrant.findFirst({
    where: { id: p.grantId, userId: p.userId, user: { deactivatedAt: null } },
    include: { user: { select: { locale: true } }, site: { select: { name: true } } },
  });
  if (!grant || !isGrantActive(grant, now)) return null;
  const url = new URL(`/signin?callbackUrl=${encodeURIComponent(LANDING[grant.role] ?? "/")}`, env().APP_URL).href;
  return inviteEmail({ url, role: grant.role, siteName: grant.site?.name ?? null, expiresAt: grant.expiresAt, reviewDays: GRANT_REVIEW_DAYS, locale: grant.user.locale });
}
