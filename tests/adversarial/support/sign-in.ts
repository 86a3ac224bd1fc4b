import { linksIn, type Mail, type Mailbox } from "@/tests/support/mailbox";
import type { Client } from "./http";

// Sign-in over HTTP as a browser does it: the magic link read from the app's mailbox.

// The sign-in email's link: the confirmation page, next-auth's fields in its fragment.
export function magicLinkIn(mail: Mail): string {
  const link = linksIn(mail).find((l) => new URL(l).pathname === "/signin/confirm" && l.includes("#"));
  if (!link) throw new Error("the sign-in email has no link to the confirmation page");
  return link;
}

// What the confirmation page's button does: a same-origin POST of the link's fields to next-auth's
// callback. On success the client holds the session cookie.
export function confirmMagicLink(client: Client, link: string) {
  return client.post("/api/auth/callback/email", { form: Object.fromEntries(new URLSearchParams(new URL(link).hash.slice(1))) });
}

// Asks next-auth for a magic link and confirms it; the client then holds the session cookie.
export async function signIn(client: Client, mailbox: Mailbox, email: string): Promise<void> {
  const before = await mailbox.files();
  await requestMagicLink(client, email, 200);
  const callback = await confirmMagicLink(client, magicLinkIn(await mailbox.waitFor({ to: email, after: before, subject: /sign-in link/i }, 20_000)));
  if (callback.status !== 302) throw new Error(`the sign-in callback answered ${callback.status}`);
  const me = await client.get("/api/v1/me");
  if (me.status !== 200) throw new Error(`signed in as ${email}, but /api/v1/me answered ${me.status}`);
}

export async function requestMagicLink(client: Client, email: string, expect?: number) {
  const csrf = await client.get("/api/auth/csrf");
  const { csrfToken } = csrf.json<{ csrfToken: string }>();
  const res = await client.post("/api/auth/signin/email", { form: { email, csrfToken, callbackUrl: "/account", json: "true" } });
  if (expect !== undefined && res.status !== expect) throw new Error(`asking a sign-in link for ${email} answered ${res.status}: ${res.text.slice(0, 200)}`);
  return res;
}
