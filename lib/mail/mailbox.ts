import "server-only";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { simpleParser } from "mailparser";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { devMailboxEnabled, env } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { isLoopbackAddress, peerAddress } from "@/lib/http/peer";

const LIST_LIMIT = 100;
const FILE_NAME = /^\d+-[0-9a-f]{12}\.eml$/;

// The caught mail holds every sign-in and approval link: it is shown only in the local demo, and
// only to this machine, whatever address the server listens on (HOST). 404 to anyone else.
export async function requireMailboxViewer(): Promise<void> {
  const peer = peerAddress(await headers());
  if (!devMailboxEnabled() || !peer || !isLoopbackAddress(peer)) notFound();
}

export type CaughtMail = { id: string; to: string; subject: string; date: Date; text: string };

function mailboxDir(): string {
  return path.resolve(env().DATA_DIR, "mailbox");
}

async function parse(id: string): Promise<CaughtMail> {
  const parsed = await simpleParser(await readFile(path.join(mailboxDir(), id)));
  const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(", ") : (parsed.to?.text ?? "");
  return { id: id.replace(/\.eml$/, ""), to, subject: parsed.subject ?? "(no subject)", date: parsed.date ?? new Date(0), text: parsed.text ?? "" };
}

// Newest first; optionally only the messages sent to one address.
export async function listCaughtMail(to?: string): Promise<CaughtMail[]> {
  const names = await readdir(mailboxDir()).catch(() => [] as string[]);
  const recent = names.filter((n) => FILE_NAME.test(n)).sort().reverse().slice(0, LIST_LIMIT);
  const mails = await Promise.all(recent.map(parse));
  const wanted = to?.toLowerCase();
  return wanted ? mails.filter((m) => m.to.toLowerCase().includes(wanted)) : mails;
}

export async function getCaughtMail(id: string): Promise<CaughtMail> {
  const name = `${id}.eml`;
  if (!FILE_NAME.test(name)) throw new AppError("not_found", "No such message.");
  return parse(name).catch(() => {
    throw new AppError("not_found", "No such message.");
  });
}
