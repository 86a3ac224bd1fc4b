import "server-only";
import { db } from "@/lib/db/client";
import type { TAccountPreferences } from "@/lib/account/schemas";

// The customer's own choice: marked localeChosen, so a ticket filed later from a browser in
// another language never overrides it (lib/tickets/create-ticket.ts).
export async function setAccountPreferences(userId: string, input: TAccountPreferences) {
  return db().user.update({
    where: { id: userId },
    data: { locale: input.locale, localeChosen: true, timeZone: input.timeZone },
    select: { locale: true, timeZone: true },
  });
}
