import { describe, expect, it } from "vitest";
import { customerMessageEmail } from "@/lib/mail/templates/customer-message";
import { formatDateTime } from "@/lib/i18n/locales";
import { revealDecidedEmail } from "@/lib/mail/templates/reveal-decided";
import { ticketClosedEmail } from "@/lib/mail/templates/ticket-closed";
import { ticketReplyEmail } from "@/lib/mail/templates/ticket-reply";

const URL_ = "https://desk.example/support/tickets/t1";
const NOW = new Date("2026-11-30T21:00:00Z");

describe("notification emails", () => {
  it("an agent's reply: its text, line by line and escaped in HTML, the link, and reply-by-email only when it works", () => {
    const facts = { siteName: "Shop", agentName: "Léa", reply: "Hello,\n<b>try again</b> now", url: URL_, replyByEmail: true };
    const mail = ticketReplyEmail(facts, "en");
    expect(mail.subject).toBe("New reply to your support request to Shop");
    expect(mail.text).toContain("Léa, of Shop's support team, replied");
    expect(mail.text).toContain("Hello,\n<b>try again</b> now");
    expect(mail.text).toContain(URL_);
    expect(mail.text).toContain("replying to this email");
    expect(mail.html).toContain("&#60;b&#62;try again&#60;/b&#62; now");
    expect(mail.html).not.toContain("<b>try");
    expect(ticketReplyEmail({ ...facts, agentName: null, replyByEmail: false }, "fr").text).toMatch(/^L'équipe support de Shop a répondu/);
    expect(ticketReplyEmail({ ...facts, replyByEmail: false }, "en").text).not.toContain("replying to this email");
  });

  it("a closed ticket: when its recordings and the request go, in the recipient's language and time zone", () => {
    const facts = { siteName: "Shop", url: URL_, recordings: 2, deleteBy: new Date("2026-11-30T23:30:00Z"), ticketDeleteAt: new Date("2027-02-28T21:00:00Z"), timeZone: "Europe/Paris" };
    const fr = ticketClosedEmail(facts, "fr", NOW);
    expect(fr.subject).toBe("Votre demande d'assistance à Shop est close");
    expect(fr.text).toContain("Les 2 enregistrements de votre visite qui y sont liés seront supprimés au plus tard le 1 déc. 2026, 00:30 UTC+1");
    expect(fr.text).toContain("conservés jusqu'au 28 févr. 2027, 22:00 UTC+1");
    const en = ticketClosedEmail({ ...facts, recordings: 1, deleteBy: NOW, timeZone: null }, "en", NOW);
    expect(en.text).toContain("The recording of your visit linked to it is deleted now");
    expect(en.text).toContain("kept until 28 Feb 2027, 21:00 UTC");
    expect(ticketClosedEmail({ ...facts, recordings: 0 }, "en", NOW).text).toContain("No recording of your visit was linked to it.");
  });

  it("a customer's message to staff says whether the ticket is theirs and how to stop these emails", () => {
    const facts = { siteName: "Shop", message: "Still broken", assignedToRecipient: false, url: "https://desk.example/desk/tickets/t1", replyByEmail: false };
    const mail = customerMessageEmail(facts, "en");
    expect(mail.subject).toBe("A customer wrote on an unassigned ticket (Shop)");
    expect(mail.text).toContain("Still broken");
    expect(mail.text).toContain("account page");
    expect(customerMessageEmail({ ...facts, assignedToRecipient: true }, "en").subject).toBe("A customer wrote on your ticket (Shop)");
  });

  it("a decided reveal: approved with its access end, or declined", () => {
    const base = { siteName: "Shop", unmasked: true, url: "https://desk.example/desk/tickets/t1", timeZone: "America/New_York" };
    const approved = revealDecidedEmail({ ...base, answer: { decision: "approved", accessUntil: new Date("2026-12-01T01:00:00Z") } }, "en");
    expect(approved.subject).toBe("Viewing approved (Shop)");
    expect(approved.text).toContain("until 30 Nov 2026, 20:00 GMT-5");
    expect(approved.text).toContain("unmasked view");
    const declined = revealDecidedEmail({ ...base, answer: { decision: "declined" } }, "fr");
    expect(declined.subject).toBe("Visionnage refusé (Shop)");
    expect(declined.text).not.toContain("non masquée");
  });

  it("dates name their zone: the recipient's, or UTC when they have none", () => {
    expect(formatDateTime(NOW, "en", null)).toBe("30 Nov 2026, 21:00 UTC");
    expect(formatDateTime(NOW, "fr", "Europe/Paris")).toBe("30 nov. 2026, 22:00 UTC+1");
  });
});
