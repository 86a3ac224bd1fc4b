import "server-only";
import type { Tx } from "@/lib/db/client";
import type { OutgoingMail } from "@/lib/mail/send";
import { renderTicketReceived } from "@/lib/tickets/create-ticket";
import { renderInvite } from "@/lib/users/invite";
import { renderAccessReview } from "@/lib/retention/sweep";
import { markRevealMailed, renderRevealRequest, unmarkRevealMailed } from "@/lib/reveal/request-reveal";
import { renderAttachmentsRefused } from "@/lib/inbound/refuse-attachments";
import { renderCustomerMessage, renderRevealDecided, renderTicketClosed, renderTicketReply, type ClosedNotice, type MessageNotice, type RevealNotice } from "@/lib/notifications/render";

export type RenderedMail = Omit<OutgoingMail, "to">;
export type RenderContext = { now: Date; messageId: string };

// A template the outbox can send: render() runs at delivery, from the job's parameters (ids and
// facts, never rendered text) and the database as it is then; null means there is nothing to send
// any more (the request was withdrawn, the ticket deleted…) and the job ends as skipped.
// beforeSend() commits just before the SMTP transaction, so whatever the email makes usable (a link
// going live) is in place by the time anyone can read it; sendFailed() undoes it if the server
// refused or could not be reached.
export type MailTemplate<P> = {
  render(params: P, ctx: RenderContext): Promise<RenderedMail | null>;
  beforeSend?(tx: Tx, params: P, ctx: { now: Date }): Promise<void>;
  sendFailed?(tx: Tx, params: P, ctx: { now: Date }): Promise<void>;
};

const template = <P>(t: MailTemplate<P>) => t;

// Every email but the sign-in links (sent at once by lib/auth/options.ts). Adding one is one entry.
export const MAIL_TEMPLATES = {
  "ticket-received": template({ render: (p: Parameters<typeof renderTicketReceived>[0]) => renderTicketReceived(p) }),
  invite: template({ render: (p: Parameters<typeof renderInvite>[0], { now }) => renderInvite(p, now) }),
  "access-review": template({ render: (p: Parameters<typeof renderAccessReview>[0]) => renderAccessReview(p) }),
  "attachments-refused": template({ render: (p: Parameters<typeof renderAttachmentsRefused>[0]) => renderAttachmentsRefused(p) }),
  "reveal-request": template({
    render: (p: Parameters<typeof renderRevealRequest>[0], { now }) => renderRevealRequest(p, now),
    beforeSend: (tx, p, { now }) => markRevealMailed(tx, p, now),
    sendFailed: (tx, p, { now }) => unmarkRevealMailed(tx, p, now),
  }),
  // Notifications of ticket events (lib/notifications/notify-ticket-event.ts).
  "ticket-reply": template({ render: (p: MessageNotice) => renderTicketReply(p) }),
  "customer-message": template({ render: (p: MessageNotice, { now }) => renderCustomerMessage(p, now) }),
  "ticket-closed": template({ render: (p: ClosedNotice, { now }) => renderTicketClosed(p, now) }),
  "reveal-decided": template({ render: (p: RevealNotice, { now }) => renderRevealDecided(p, now) }),
};

export type MailTemplateName = keyof typeof MAIL_TEMPLATES;
export type MailParams<N extends MailTemplateName> = Parameters<(typeof MAIL_TEMPLATES)[N]["render"]>[0];

export function isMailTemplateName(name: string): name is MailTemplateName {
  return Object.hasOwn(MAIL_TEMPLATES, name);
}
