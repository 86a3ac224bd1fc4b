import type { Metadata } from "next";
import Link from "next/link";
import { devMailboxEnabled } from "@/lib/config/env";

export const metadata: Metadata = { title: "Check your email" };

export default async function CheckEmailPage({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const { email } = await searchParams;
  return (
    <section className="panel">
      <h1>Check your email</h1>
      <p role="status">
        We sent a sign-in link{email ? <> to <strong>{email}</strong></> : null}. It works once and expires in 15 minutes.
      </p>
      {devMailboxEnabled() && (
        <p>
          Running locally without a mail server? Open the <Link href={`/dev/mailbox${email ? `?to=${encodeURIComponent(email)}` : ""}`}>dev mailbox</Link>.
        </p>
      )}
      <p><Link href="/signin">Use another address</Link></p>
    </section>
  );
}
