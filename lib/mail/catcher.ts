import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { SMTPServer } from "smtp-server";

const MAX_MESSAGE_BYTES = 5 * 1024 * 1024;
const KEEP_MS = 24 * 3600 * 1000;

// Caught mail holds sign-in and approval links, justifications and page lists: none is kept
// longer than a day (file names start with the time of receipt).
async function purgeOldMail(dir: string, now = Date.now()): Promise<void> {
  for (const name of await readdir(dir)) {
    const receivedAt = Number(/^(\d+)-[0-9a-f]{12}\.eml$/.exec(name)?.[1]);
    if (receivedAt && now - receivedAt > KEEP_MS) await rm(path.join(dir, name), { force: true });
  }
}

// A real SMTP server on loopback that keeps every message as an .eml file for a day; used by
// `npm start` in the local demo (messages then show at /dev/mailbox) and by the test suites.
export async function startMailCatcher(opts: { port: number; dir: string; host?: string }): Promise<{ close(): Promise<void> }> {
  await mkdir(opts.dir, { recursive: true });
  await purgeOldMail(opts.dir);
  const server = new SMTPServer({
    disabledCommands: ["AUTH", "STARTTLS"],
    authOptional: true,
    size: MAX_MESSAGE_BYTES,
    logger: false,
    onData(stream, _session, callback) {
      const parts: Buffer[] = [];
      stream.on("data", (c: Buffer) => parts.push(c));
      stream.on("end", () => {
        if (stream.sizeExceeded) return callback(new Error("Message too large"));
        const name = `${Date.now()}-${randomBytes(6).toString("hex")}.eml`;
        writeFile(path.join(opts.dir, name), Buffer.concat(parts), { mode: 0o600 })
          .then(() => callback(), callback)
          // Best effort: a failed purge must not refuse the message; the next one retries.
          .then(() => purgeOldMail(opts.dir).catch(() => undefined));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host ?? "127.0.0.1", () => resolve());
  });
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
