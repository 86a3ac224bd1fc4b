import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { setAccountPreferences } from "@/lib/account/set-preferences";
import { ZApiTicketBody } from "@/lib/ingest/schemas";
import { createSite } from "@/lib/sites/create-site";
import { createTicketFromSdk } from "@/lib/tickets/create-ticket";
import { startMailbox } from "@/tests/support/mailbox";

// Issue 14 point 4: the SDK reports the browser's language and time zone with a ticket. A new
// account starts with them (and its first email is in that language); an existing account only
// gains a time zone it lacks, and a language its customer chose is never overwritten.
const by = { id: null, label: "test" };
const suffix = randomBytes(4).toString("hex");
let mailbox: Awaited<ReturnType<typeof startMailbox>>;
let site: { id: string };

// What the route does with the SDK's body: the schema reduces the tag and checks the zone.
const ticket = (email: string, locale: string, timeZone: string) =>
  ({ ...ZApiTicketBody.parse({ email, subject: "Commande bloquée", message: "Bonjour", locale, timeZone }), sessionId: null });
const user = (email: string) => db().user.findUniqueOrThrow({ where: { email }, select: { locale: true, localeChosen: true, timeZone: true } });

beforeAll(async () => {
  mailbox = await startMailbox(env().MAILBOX_SMTP_PORT);
  site = await createSite({ name: "Boutique", origins: ["https://boutique.example"], by });
});

afterAll(async () => {
  await mailbox.close();
});

describe("the customer's language and time zone from the SDK ticket", () => {
  it("a new account takes the browser's language and zone, and its first email is in that language", async () => {
    const email = `new-${suffix}@t.example`;
    await createTicketFromSdk(site, ticket(email, "fr-CA", "America/Montreal"));
    expect(await user(email)).toEqual({ locale: "fr", localeChosen: false, timeZone: "America/Montreal" });
    // Sent by the outbox, which the mailbox's delivery loop drains.
    const mail = await mailbox.waitFor({ to: email });
    expect(mail.subject).toBe("Nous avons reçu votre demande d'assistance");
  });

  it("another language, or a zone the server does not know, leaves the defaults (English, UTC)", async () => {
    const email = `other-${suffix}@t.example`;
    await createTicketFromSdk(site, ticket(email, "de-DE", "Mars/Olympus"));
    expect(await user(email)).toEqual({ locale: "en", localeChosen: false, timeZone: null });
  });

  it("an existing account keeps its language and gains only a missing zone", async () => {
    const email = `existing-${suffix}@t.example`;
    await db().user.create({ data: { email, locale: "en" } });
    await createTicketFromSdk(site, ticket(email, "fr-FR", "Europe/Paris"));
    expect(await user(email)).toEqual({ locale: "en", localeChosen: false, timeZone: "Europe/Paris" });
    await createTicketFromSdk(site, ticket(email, "fr-FR", "Asia/Tokyo"));
    expect((await user(email)).timeZone).toBe("Europe/Paris");
  });

  it("never overwrites the language the customer chose on the account page", async () => {
    const email = `chosen-${suffix}@t.example`;
    const { id } = await db().user.create({ data: { email } });
    await setAccountPreferences(id, { locale: "en", timeZone: null });
    await createTicketFromSdk(site, ticket(email, "fr-FR", "Europe/Paris"));
    expect(await user(email)).toEqual({ locale: "en", localeChosen: true, timeZone: "Europe/Paris" });
  });
});
