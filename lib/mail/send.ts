import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/config/env";

export type OutgoingMail = { to: string; subject: string; text: string; html: string };

let transport: Transporter | undefined;

// SMTP_URL when configured; otherwise the mail catcher that `npm start` runs on loopback, whose
// messages appear at /dev/mailbox.
function mailTransport(): Transporter {
  const e = env();
  transport ??= nodemailer.createTransport(
    e.SMTP_URL ?? { host: "127.0.0.1", port: e.MAILBOX_SMTP_PORT, secure: false, ignoreTLS: true },
  );
  return transport;
}

export async function sendMail(mail: OutgoingMail): Promise<void> {
  await mailTransport().sendMail({ from: env().MAIL_FROM, ...mail });
}
