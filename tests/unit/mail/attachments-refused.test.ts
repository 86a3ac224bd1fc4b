import { describe, expect, it } from "vitest";
import { attachmentsRefusedEmail } from "@/lib/mail/templates/attachments-refused";

describe("attachments-refused email", () => {
  it("says the reply was not added because of its attachments, with the request's link", () => {
    const mail = attachmentsRefusedEmail({ url: "https://desk.example/support/tickets/t1?a=1&b=2" });
    expect(mail.subject).toBe("Your reply was not added: attachments are not accepted");
    expect(mail.text).toContain("not accepted by email");
    expect(mail.text).toContain("https://desk.example/support/tickets/t1?a=1&b=2");
    expect(mail.html).toContain("t1?a=1&#38;b=2");
  });

  it("speaks French to a French customer", () => {
    const mail = attachmentsRefusedEmail({ url: "https://desk.example/support/tickets/t1", locale: "fr" });
    expect(mail.subject).toBe("Votre réponse n'a pas été ajoutée : pièces jointes refusées");
    expect(mail.text).toContain("pièces jointes");
  });
});
