import type { Metadata } from "next";
import Link from "next/link";
import { listCaughtMail, requireMailboxViewer } from "@/lib/mail/mailbox";

export const metadata: Metadata = { title: "Dev mailbox" };

// Exists only in the local demo (loopback APP_URL, no SMTP_URL): then nothing leaves the machine
// and the caught mail (sign-in links, approval requests) is shown here, to this machine only.
export default async function MailboxPage({ searchParams }: { searchParams: Promise<{ to?: string }> }) {
  await requireMailboxViewer();
  const { to } = await searchParams;
  const mails = await listCaughtMail(to);
  return (
    <section className="panel">
      <h1>Dev mailbox</h1>
      <p className="muted">
        Mail caught by the local SMTP catcher (no SMTP_URL is configured).{" "}
        {to ? <>Showing mail to <strong>{to}</strong> · <Link href="/dev/mailbox">show all</Link></> : "Newest first."}
      </p>
      {mails.length === 0 ? (
        <p role="status">No mail yet. Ask for a sign-in link on the <Link href="/signin">sign-in page</Link> and it will show up here.</p>
      ) : (
        <table>
          <thead>
            <tr><th scope="col">To</th><th scope="col">Subject</th><th scope="col">Received</th></tr>
          </thead>
          <tbody>
            {mails.map((m) => (
              <tr key={m.id}>
                <td>{m.to}</td>
                <td><Link href={`/dev/mailbox/${m.id}`}>{m.subject}</Link></td>
                <td><time dateTime={m.date.toISOString()}>{m.date.toLocaleString("en-GB", { timeZone: "UTC" })} UTC</time></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
