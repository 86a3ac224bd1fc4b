import { describe, expect, it } from "vitest";
import { accessReviewEmail } from "@/lib/mail/templates/access-review";

describe("access-review email to admins", () => {
  it("lists the suspended grants, why, and where to review them, with the HTML escaped", () => {
    const mail = accessReviewEmail({ grants: [{ email: "lea@example.test", role: "agent" }, { email: "x<y>@example.test", role: "admin" }], graceDays: 14, reviewUrl: "https://desk.example/admin/access-review" });
    expect(mail.subject).toBe("Replaydesk: 2 roles were suspended (review overdue)");
    expect(mail.text).toContain("- lea@example.test: agent");
    expect(mail.text).toContain("more than 14 days overdue");
    expect(mail.text).toContain("https://desk.example/admin/access-review");
    expect(mail.html).toContain("x&#60;y&#62;@example.test");
    expect(mail.html).not.toContain("x<y>");
  });

  it("speaks French to a French admin, and counts one grant in the singular", () => {
    const mail = accessReviewEmail({ grants: [{ email: "a@example.test", role: "agent" }], graceDays: 14, reviewUrl: "https://d/", locale: "fr" });
    expect(mail.subject).toBe("Replaydesk : 1 rôle suspendu (revue en retard)");
    expect(mail.text).toContain("a@example.test : agent");
  });
});
