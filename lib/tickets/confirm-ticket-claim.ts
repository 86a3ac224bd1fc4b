import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { appendAudit } from "@/lib/audit/append";
import { hashToken } from "@/lib/crypto/tokens";
import { db } from "@/lib/db/client";
import { customerError } from "@/lib/i18n/customer-error";
import { customerTicketUrl, staffGrantWhere } from "@/lib/tickets/create-ticket";

// The owner of an address confirms that a ticket filed under it is theirs (createTicketFromSdk):
// holding the emailed token proves they read that mailbox. Single use; the ticket then shows in
// their /support. Never into a staff account, even one granted a role since the ticket came.
export async function confirmTicketClaim(token: string, viewer: Actor | null, now = new Date()) {
  const tokenHash = hashToken(token);
  const claim = await db().ticketClaim.findUnique({ where: { tokenHash }, include: { ticket: { select: { id: true, siteId: true, customerId: true } } } });
  const customerId = claim?.ticket.customerId;
  if (!claim || !customerId || claim.expiresAt <= now) throw customerError("gone", "linkUsed");
  if (viewer && viewer.userId !== customerId) throw customerError("forbidden", "linkOtherAccount");
  if ((await db().roleGrant.count({ where: { userId: customerId, ...staffGrantWhere(now) } })) > 0) {
    throw customerError("conflict", "claimStaffAddress");
  }
  return db().$transaction(async (tx) => {
    const { count } = await tx.ticketClaim.deleteMany({ where: { ticketId: claim.ticketId, tokenHash } });
    if (count === 0) throw customerError("gone", "linkUsed");
    await appendAudit({ actor: { id: customerId, label: "customer" }, action: "ticket.confirm", target: { type: "ticket", id: claim.ticketId }, siteId: claim.ticket.siteId, at: now }, tx);
    return { ticketId: claim.ticketId, ticketUrl: customerTicketUrl(claim.ticketId) };
  });
}
