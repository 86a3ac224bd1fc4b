import Link from "next/link";
import { currentActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import { devMailboxEnabled } from "@/lib/config/env";
import { DEMO_ACCOUNTS } from "@/lib/seed/demo";
import { ADMIN_AREA_PERMISSIONS } from "@/app/admin/guard";

export default async function HomePage() {
  const actor = await currentActor();
  const mailbox = devMailboxEnabled();
  return (
    <>
      <section className="panel">
        <h1>Replaydesk</h1>
        <p>
          A support desk where an agent can watch the session replay of a customer who asked for help — and only
          after that customer approves by email. Everything is masked by default, passwords and card numbers are never
          recorded, and recordings are deleted a few hours after the session ends or as soon as the ticket closes.
        </p>
        {actor ? (
          <>
            <p>
              You are signed in as <strong>{actor.email}</strong> ({actor.roles.join(", ")}).
            </p>
            <p style={{ display: "flex", gap: 12, flexWrap: "wrap" }}>
              {can(actor, "ticket:read") && <Link className="button" href="/desk">Open the support queue</Link>}
              {can(actor, "unmask:approve") && <Link className="button secondary" href="/desk/validations">Unmask validations</Link>}
              <Link className="button secondary" href="/support">My support requests</Link>
              {ADMIN_AREA_PERMISSIONS.some((p) => can(actor, p)) && <Link className="button secondary" href="/admin">Administration</Link>}
              <Link className="button secondary" href="/account">Your account</Link>
            </p>
          </>
        ) : (
          <p>
            <Link className="button" href="/signin">Sign in with your email</Link>
          </p>
        )}
      </section>
      {mailbox && (
        <section className="panel" aria-labelledby="try-it">
          <h2 id="try-it">Try it locally</h2>
          <p>
            No mail server is configured, so every email Replaydesk sends is caught and shown in the{" "}
            <Link href="/dev/mailbox">dev mailbox</Link>. To sign in, enter one of the demo accounts on the{" "}
            <Link href="/signin">sign-in page</Link>, then open the link from the mailbox.
          </p>
          <table>
            <thead>
              <tr><th scope="col">Account</th><th scope="col">Role</th></tr>
            </thead>
            <tbody>
              {DEMO_ACCOUNTS.map((a) => (
                <tr key={a.email}><td><code>{a.email}</code></td><td>{a.role}</td></tr>
              ))}
            </tbody>
          </table>
          <p className="muted">
            The publisher side lives at <Link href="/demo/shop">/demo/shop</Link>: a fake shop that embeds the recorder
            SDK exactly like a customer&apos;s website would.
          </p>
        </section>
      )}
    </>
  );
}
