import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/config/env";

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  // The outbox fixes it when the mail is queued, so a resend keeps it.
  messageId?: string;
  replyTo?: string;
  // Threading: the Message-ID this mail follows (In-Reply-To, and References).
  inReplyTo?: string;
  headers?: Record<string, string>;
};

let transport: Transporter | undefined;

// SMTP_URL when configured; otherwise the mail catcher that `npm start` runs on loopback, whose
// messages appear at /dev/mailbox. The timeouts bound one send (about two minutes at worst) below
// the outbox's lease (lib/jobs/policy.ts LEASE_MS), so a slow server never makes a job look abandoned.
function mailTransport(): Transporter {
  const e = env();
  const timeouts = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };
  transport ??= nodemailer.createTransport(
    e.SMTP_URL ? { url: e.SMTP_URL, ...timeouts } : { host: "127.0.0.1", port: e.MAILBOX_SMTP_PORT, secure: false, ignoreTLS: true, ...timeouts },
  );
  return transport;
}

export async function sendMail(mail: OutgoingMail): Promise<void> {
  const { inReplyTo, ...rest } = mail;
  await mailTransport().sendMail({ from: env().MAIL_FROM, ...rest, ...(inReplyTo ? { inReplyTo, references: inReplyTo } : {}) });
}
