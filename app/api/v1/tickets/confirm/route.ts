// POST /api/v1/tickets/confirm – the owner of an address confirms, with the emailed token, that a ticket filed under it is theirs.
import { z } from "zod";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { publicRoute } from "@/lib/http/public-route";
import { confirmTicketClaim } from "@/lib/tickets/confirm-ticket-claim";

const ZConfirm = z.object({ token: z.string().min(20).max(100) });

export const POST = publicRoute("ticket-confirm", 20, async ({ req, viewer }) => {
  const { token } = await readJson(req, ZConfirm);
  return json(await confirmTicketClaim(token, viewer));
});
