import { db } from "@/lib/db/client";
import { createTicketFromSdk } from "@/lib/tickets/create-ticket";

// A ticket filed from a site's support form by a customer who already has an account, then
// confirmed as theirs (what the emailed link does: lib/tickets/confirm-ticket-claim.ts), so the
// customer's own routes reach it. Tests that are not about the confirmation use this.
export async function confirmedTicketFromSdk(...args: Parameters<typeof createTicketFromSdk>) {
  const ticket = await createTicketFromSdk(...args);
  await db().ticketClaim.deleteMany({ where: { ticketId: ticket.ticketId } });
  return ticket;
}
