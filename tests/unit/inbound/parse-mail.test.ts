import { describe, expect, it } from "vitest";
import { failedRecipientsOf, parseInboundMail } from "@/lib/inbound/parse-mail";
import { replyTextOf } from "@/lib/inbound/reply-text";
import { inboundFixture } from "@/tests/support/inbound-mail";

const vars = { NONCE: "n1", FROM: "claire@customer.test", TO: "reply+abcdefghijklmnopqrstuvwxyz234567@replies.test", TICKET: "ct123", FAILED: "gone@customer.test" };
const replyOf = async (name: string) => replyTextOf((await parseInboundMail(inboundFixture(name, vars))).text);

describe("the text of an emailed reply, as real clients send it", () => {
  it("Gmail: the attribution wrapped over two lines and the quoted history go", async () => {
    expect(await replyOf("gmail")).toBe("Thanks, the parcel page works again now.\nI still see the old address on the invoice though.");
  });

  it("Outlook: the header block under the separator line goes", async () => {
    expect(await replyOf("outlook")).toBe("Hello,\n\nThe checkout button still does nothing on my laptop.\n\nRegards,\nMarc");
  });

  it("Apple Mail: the quoted attribution and history go", async () => {
    expect(await replyOf("apple-mail")).toBe("It happens on Safari only, Firefox is fine.");
  });

  it("French: \"Le … a écrit :\" wrapped over two lines opens the history", async () => {
    expect(await replyOf("french")).toBe("Bonjour,\n\nMerci, la page de paiement fonctionne à nouveau.");
  });

  it("HTML only: reduced to text without its style, script or quoted block", async () => {
    const mail = await parseInboundMail(inboundFixture("html-only", vars));
    expect(mail.text).not.toMatch(/color: red|tracking|display: none/);
    expect(replyTextOf(mail.text)).toBe("The order page shows an error 500.\n\nIt started yesterday.");
  });

  it("the \"-- \" signature and \"Envoyé de mon iPhone\" go", async () => {
    expect(await replyOf("signature")).toBe("Yes, please close the request, it is solved.");
    expect(await replyOf("iphone")).toBe("Désolé, le bouton est toujours grisé.");
  });

  it("a message that is all quote is empty", () => {
    expect(replyTextOf("> only\n> quoted\n\nOn Mon, 1 Dec 2026, A <a@b.test> wrote:\n> x")).toBe("");
    expect(replyTextOf("Sent from my Galaxy")).toBe("");
  });

  it("a line that merely starts like an attribution stays", () => {
    expect(replyTextOf("On my phone the page is blank.\nFrom: the order page, I mean.")).toBe("On my phone the page is blank.\nFrom: the order page, I mean.");
  });
});

describe("what the pipeline decides on", () => {
  it("reads senders, recipients, thread ids and the Message-ID", async () => {
    const mail = await parseInboundMail(inboundFixture("gmail", vars));
    expect(mail).toMatchObject({ from: ["claire@customer.test"], headerRecipients: [vars.TO], messageId: "<CAJx8kQ2Vb1c7mZ-n1@mail.gmail.com>", threadIds: ["<ticket-ct123@replaydesk.test>", "<ticket-ct123@replaydesk.test>"], loop: null, bounce: null, attachments: 0 });
  });

  it("an auto-reply is a loop; a person's message is not", async () => {
    expect((await parseInboundMail(inboundFixture("auto-reply", vars))).loop).toBe("auto-submitted");
    const headers = (extra: string) => parseInboundMail(Buffer.from(`From: a@b.test\r\nTo: c@d.test\r\n${extra}\r\n\r\nhi`)).then((m) => m.loop);
    expect(await headers("Auto-Submitted: no")).toBeNull();
    expect(await headers("Precedence: bulk")).toBe("precedence");
    expect(await headers("Precedence: junk")).toBe("precedence");
    expect(await headers("X-Autorespond: yes")).toBe("x-autoreply");
    expect(await headers("List-Id: <news.shop.test>")).toBe("list-id");
  });

  it("a delivery status notification names its failed recipient", async () => {
    const mail = await parseInboundMail(inboundFixture("bounce", vars));
    expect(mail.bounce).toEqual({ failedRecipients: ["gone@customer.test"] });
    expect(failedRecipientsOf("Final-Recipient: rfc822; ok@x.test\nAction: delivered\n\nFinal-Recipient: rfc822;<no@x.test>\nAction: failed")).toEqual(["no@x.test"]);
  });

  it("counts attached files", async () => {
    expect((await parseInboundMail(inboundFixture("attachment", vars))).attachments).toBe(1);
  });
});
