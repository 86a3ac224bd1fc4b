import { simpleParser, type AddressObject } from "mailparser";

// An inbound email reduced to what the reply pipeline (receive-mail.ts) decides on. No I/O:
// unit-tested on real clients' messages (tests/fixtures/inbound).
export type InboundMail = {
  // Addresses of the From header (more than one is refused: whose reply would it be?).
  from: string[];
  // To, Cc and Delivered-To: a relay may hand a reply address over in any of them.
  headerRecipients: string[];
  messageId: string | null;
  // In-Reply-To and References, each "<id>".
  threadIds: string[];
  // Why the message is machine-made (an auto-reply, a list), or null for a person's message.
  loop: string | null;
  // A delivery status notification (RFC 3464): the recipients it reports as failed.
  bounce: { failedRecipients: string[] } | null;
  // The text part, or the HTML part reduced to text (mailparser drops scripts and styles).
  text: string;
  // Attached files; pictures embedded in the HTML (multipart/related) are not counted.
  attachments: number;
};

const addressesOf = (value: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((o) => o.value.flatMap((a) => (a.group ?? [a]).map((g) => g.address ?? ""))).filter(Boolean);

// Header values as written (unfolded), by lowercase name; the last one when repeated.
type RawHeaders = ReadonlyMap<string, string>;

function rawHeaders(lines: readonly { key: string; line: string }[]): RawHeaders {
  return new Map(lines.map((h) => [h.key, h.line.replace(/^[^:]*:/, "").replace(/\r?\n[ \t]+/g, " ").trim()]));
}

// RFC 3834 and common practice: what marks a message as sent by a machine, not a person.
export function loopReason(headers: RawHeaders): string | null {
  const autoSubmitted = (headers.get("auto-submitted") ?? "").split(";")[0]!.trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== "no") return "auto-submitted";
  if (/^(bulk|junk|list)$/i.test(headers.get("precedence") ?? "")) return "precedence";
  if (headers.has("x-autoreply") || headers.has("x-autorespond")) return "x-autoreply";
  if (headers.has("list-id")) return "list-id";
  return null;
}

// RFC 3464: one block of fields per recipient; "Action: failed" names a failed one.
export function failedRecipientsOf(report: string): string[] {
  return report
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .filter((block) => /^Action:\s*failed\b/im.test(block))
    .map((block) => /^(?:Final|Original)-Recipient:\s*rfc822\s*;\s*<?([^\s<>]+@[^\s<>]+)>?/im.exec(block)?.[1])
    .filter((address): address is string => Boolean(address));
}

const bracketed = (id: string) => (id.startsWith("<") ? id : `<${id}>`);
const listOf = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? [value] : []);

export async function parseInboundMail(raw: Buffer): Promise<InboundMail> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const contentType = mail.headers.get("content-type") as { value?: string; params?: Record<string, string> } | undefined;
  const isReport = contentType?.value?.toLowerCase() === "multipart/report" && contentType.params?.["report-type"]?.toLowerCase() === "delivery-status";
  const deliveredTo = mail.headerLines.filter((h) => h.key === "delivered-to").map((h) => h.line.replace(/^[^:]*:/, "").trim());
  return {
    from: addressesOf(mail.from),
    headerRecipients: [...addressesOf(mail.to), ...addressesOf(mail.cc), ...deliveredTo],
    messageId: mail.messageId ? bracketed(mail.messageId) : null,
    threadIds: [...listOf(mail.inReplyTo), ...listOf(mail.references)].flatMap((ids) => ids.split(/\s+/)).filter(Boolean).map(bracketed),
    loop: loopReason(rawHeaders(mail.headerLines)),
    // mailparser shows the message/delivery-status part as text.
    bounce: isReport ? { failedRecipients: failedRecipientsOf(mail.text ?? "") } : null,
    text: mail.text ?? "",
    attachments: mail.attachments.filter((a) => !a.related).length,
  };
}
