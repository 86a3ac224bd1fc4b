import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Fragment } from "react";
import { getCaughtMail, requireMailboxViewer } from "@/lib/mail/mailbox";

export const metadata: Metadata = { title: "Message" };

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

// Shows the plain-text part with its links clickable; the HTML part is not rendered, so a caught
// message can run nothing here.
export default async function MailPage({ params }: { params: Promise<{ id: string }> }) {
  await requireMailboxViewer();
  const { id } = await params;
  const mail = await getCaughtMail(id).catch(() => notFound());
  const parts = mail.text.split(URL_PATTERN);
  return (
    <section className="panel">
      <p><Link href="/dev/mailbox">← All mail</Link></p>
      <h1>{mail.subject}</h1>
      <p className="muted">To {mail.to} · {mail.date.toLocaleString("en-GB", { timeZone: "UTC" })} UTC</p>
      <pre data-testid="mail-text">
        {parts.map((part, i) => (i % 2 === 1 ? <a key={i} href={part}>{part}</a> : <Fragment key={i}>{part}</Fragment>))}
      </pre>
    </section>
  );
}
