import { mkdtempSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { startMailCatcher } from "@/lib/mail/catcher";
import { startJobLoop } from "@/lib/jobs/job-loop";
import { derivedToken } from "@/lib/crypto/tokens";
import { waitUntil } from "./poll";

// The one mailbox reader of the test suites and the bench. Mail is caught by the app's own SMTP
// catcher (lib/mail/catcher.ts), which keeps one .eml file per message: either the one `npm start`
// runs for a served app (appMailbox: DATA_DIR/mailbox), or one a Vitest suite starts on
// MAILBOX_SMTP_PORT for the mailer of the code it calls (startMailbox). Reads poll with a bound.

export type Mail = { file: string; to: string; subject: string; text: string; html: string; messageId: string; inReplyTo: string; replyTo: string };
export type MailMatch = { to: string; subject?: RegExp; text?: RegExp; after?: Set<string> };

const APPROVAL_LINK = /#token=([A-Za-z0-9_-]+)&decision=approve/;

export class Mailbox {
  // Files never change once written: each is parsed once.
  private readonly parsed = new Map<string, Mail>();

  constructor(readonly dir: string) {}

  private async names(): Promise<string[]> {
    return (await readdir(this.dir).catch(() => [] as string[])).filter((n) => n.endsWith(".eml")).sort();
  }

  // What is there now; pass it as `after` to wait for what comes next.
  async files(): Promise<Set<string>> {
    return new Set(await this.names());
  }

  // Every message, oldest first (file names start with the time of receipt).
  async all(): Promise<Mail[]> {
    const out: Mail[] = [];
    for (const file of await this.names()) {
      let mail = this.parsed.get(file);
      if (!mail) {
        const m = await simpleParser(await readFile(path.join(this.dir, file)));
        const to = Array.isArray(m.to) ? m.to.map((a) => a.text).join(",") : (m.to?.text ?? "");
        mail = { file, to, subject: m.subject ?? "", text: m.text ?? "", html: typeof m.html === "string" ? m.html : "", messageId: m.messageId ?? "", inReplyTo: m.inReplyTo ?? "", replyTo: m.replyTo?.text ?? "" };
        this.parsed.set(file, mail);
      }
      out.push(mail);
    }
    return out;
  }

  async since(before: Set<string>): Promise<Mail[]> {
    return (await this.all()).filter((m) => !before.has(m.file));
  }

  // Messages to `to` (and with a matching subject) received so far.
  async to(to: string, subject?: RegExp): Promise<Mail[]> {
    return (await this.all()).filter((m) => matches(m, { to, subject }));
  }

  // The first message to `to` that was not there `after`, waiting for it.
  waitFor(match: MailMatch, timeoutMs = 15_000): Promise<Mail> {
    return waitUntil(async () => (await this.all()).find((m) => matches(m, match)), { what: `an email${match.subject ? ` "${match.subject.source}"` : ""}${match.text ? ` with /${match.text.source}/` : ""} to ${match.to}`, timeoutMs });
  }

  // The approval request sent to the customer: its one-time token rides in the link's fragment.
  // With revealId, that request's email (the outbox may deliver an earlier request's after `after`).
  async waitForApproval(to: string, after: Set<string>, opts: { revealId?: string; timeoutMs?: number } = {}): Promise<Mail & { token: string }> {
    const text = opts.revealId ? new RegExp(`#token=${derivedToken("reveal-approval", opts.revealId)}&decision=approve`) : APPROVAL_LINK;
    const mail = await this.waitFor({ to, after, text }, opts.timeoutMs);
    return { ...mail, token: APPROVAL_LINK.exec(mail.text)![1]! };
  }
}

function matches(mail: Mail, match: MailMatch): boolean {
  if (match.after?.has(mail.file) || !mail.to.toLowerCase().includes(match.to.toLowerCase())) return false;
  return (!match.subject || match.subject.test(mail.subject)) && (!match.text || match.text.test(mail.text));
}

// The mail the catcher of a served app (scripts/start.ts) received.
export const appMailbox = (dataDir: string) => new Mailbox(path.join(dataDir, "mailbox"));

// A catcher of the suite's own on `port` (the app's MAILBOX_SMTP_PORT), in a fresh directory, and
// the outbox's delivery loop in this process (as the app runs it), which sends what the code under
// test queues. deliver: false for suites that drive delivery themselves (the outbox's own).
export async function startMailbox(port: number, opts: { deliver?: boolean } = {}): Promise<Mailbox & { close(): Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "rd-test-mail-"));
  const catcher = await startMailCatcher({ port, dir });
  const outbox = opts.deliver === false ? null : startJobLoop({ worker: `suite-${process.pid}`, keepAlive: false, log: () => {} });
  return Object.assign(new Mailbox(dir), { close: async () => Promise.all([outbox?.stop(), catcher.close()]).then(() => undefined) });
}

export function linksIn(mail: Mail): string[] {
  return [...mail.text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0]);
}
