import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { simpleParser } from "mailparser";
import type { Client } from "./http";

// The app's loopback mail catcher keeps each message as an .eml file under DATA_DIR/mailbox.

export type Mail = { file: string; to: string; subject: string; text: string };

const parsed = new Map<string, Mail>();

async function readMailbox(dir: string): Promise<Mail[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith(".eml")).sort();
  const out: Mail[] = [];
  for (const file of names) {
    let mail = parsed.get(path.join(dir, file));
    if (!mail) {
      const m = await simpleParser(await readFile(path.join(dir, file)));
      const to = Array.isArray(m.to) ? m.to.map((a) => a.text).join(",") : (m.to?.text ?? "");
      mail = { file, to: to.toLowerCase(), subject: m.subject ?? "", text: m.text ?? "" };
      parsed.set(path.join(dir, file), mail);
    }
    out.push(mail);
  }
  return out;
}

export async function mailFiles(dir: string): Promise<Set<string>> {
  return new Set((await readMailbox(dir)).map((m) => m.file));
}

// The first message to `to` that was not in `before`, waiting for it (bounded).
export async function waitForMail(dir: string, to: string, before: Set<string>, subject: RegExp, timeoutMs = 20_000): Promise<Mail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await readMailbox(dir)).find((m) => !before.has(m.file) && m.to.includes(to.toLowerCase()) && subject.test(m.subject));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no email "${subject.source}" to ${to} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function linksIn(mail: Mail): string[] {
  return [...mail.text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0]);
}

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
export async function signIn(client: Client, mailDir: string, email: string): Promise<void> {
  const before = await mailFiles(mailDir);
  await requestMagicLink(client, email, 200);
  const callback = await confirmMagicLink(client, magicLinkIn(await waitForMail(mailDir, email, before, /sign-in link/i)));
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
