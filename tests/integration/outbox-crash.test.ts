// SIGKILL during delivery: a worker process (tsx, as `npm run worker` runs) is killed while the mail
// server holds its DATA phase open; once its lease has passed, the next pass delivers the mail, with
// the same Message-ID, exactly once. Nothing is lost.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { createSite } from "@/lib/sites/create-site";
import { createTicketFromSdk } from "@/lib/tickets/create-ticket";
import { deliverDueJobs } from "@/lib/jobs/deliver";
import { waitUntil } from "@/tests/support/poll";

const LEASE_MS = 2000;

// A mail server that holds the first message's DATA phase open (the worker is then mid-send) and
// accepts every later one, keeping their Message-IDs.
async function holdingServer(port: number) {
  const accepted: string[] = [];
  let held = false;
  const server = new SMTPServer({
    disabledCommands: ["AUTH", "STARTTLS"],
    authOptional: true,
    logger: false,
    onData(stream, _session, callback) {
      const parts: Buffer[] = [];
      stream.on("data", (c: Buffer) => parts.push(c));
      stream.on("end", () => {
        if (!held) {
          held = true; // never answered: the client waits until it is killed
          return;
        }
        simpleParser(Buffer.concat(parts)).then((m) => {
          accepted.push(m.messageId ?? "");
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return { accepted, isHolding: () => held, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let child: ChildProcess | null = null;
afterAll(() => {
  child?.kill("SIGKILL");
});

describe("the outbox after a crash", () => {
  it("a worker killed mid-send loses nothing: after its lease, the mail goes once, same Message-ID", async () => {
    const sink = await holdingServer(env().MAILBOX_SMTP_PORT);
    try {
      // Jobs other suites left due may be among the worker's: every job it had leased is checked.
      const site = await createSite({ name: "Crash shop", origins: ["https://crash.example"], by: { id: null, label: "test" } });
      const email = `crash-${randomBytes(4).toString("hex")}@t.example`;
      const { ticketId } = await createTicketFromSdk(site, { email, subject: "Help", message: "Please", sessionId: null });
      const job = await db().job.findFirstOrThrow({ where: { ticketId } });

      child = spawn("npx", ["tsx", "--conditions=react-server", "tests/support/outbox-worker.ts", "crash-worker", String(LEASE_MS)], { env: process.env, stdio: "ignore", detached: true });
      await waitUntil(() => sink.isHolding(), { what: "the worker in the middle of a send", timeoutMs: 30_000 });
      // Whichever job it was sending, it is leased to the killed worker.
      const leased = await db().job.findMany({ where: { leasedBy: "crash-worker", status: "queued" } });
      expect(leased.length).toBeGreaterThan(0);
      process.kill(-child.pid!, "SIGKILL");
      await new Promise((resolve) => child!.once("exit", resolve));
      child = null;

      // Still leased: nobody takes it before the lease has passed.
      await deliverDueJobs({ worker: "restarted", now: () => new Date(Math.min(...leased.map((j) => j.leaseUntil!.getTime())) - 500) });
      expect((await db().job.findMany({ where: { id: { in: leased.map((j) => j.id) } } })).every((j) => j.status === "queued")).toBe(true);

      await waitUntil(async () => Date.now() > Math.max(...leased.map((j) => j.leaseUntil!.getTime())), { what: "the lease to pass", timeoutMs: LEASE_MS + 5000 });
      await deliverDueJobs({ worker: "restarted" });
      // Emails only: other suites' webhook and note jobs may be among the leased, sent elsewhere.
      const after = await db().job.findMany({ where: { id: { in: [...leased.map((j) => j.id), job.id] }, kind: "mail" } });
      for (const j of after) {
        expect(j.status).toBe("done");
        expect(sink.accepted.filter((id) => id === j.messageId)).toHaveLength(1);
      }
      const mine = after.find((j) => j.id === job.id)!;
      expect(mine.messageId).toBe(job.messageId);
    } finally {
      await sink.close();
    }
  });
});
