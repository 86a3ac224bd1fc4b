import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { SMTPServer } from "smtp-server";

const MAX_MESSAGE_BYTES = 5 * 1024 * 1024;

// A real SMTP server on loopback that keeps every message as an .eml file; used by `npm start`
// when no SMTP_URL is configured (messages then show at /dev/mailbox) and by the test suites.
export async function startMailCatcher(opts: { port: number; dir: string; host?: string }): Promise<{ close(): Promise<void> }> {
  await mkdir(opts.dir, { recursive: true });
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
        writeFile(path.join(opts.dir, name), Buffer.concat(parts), { mode: 0o600 }).then(() => callback(), callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host ?? "127.0.0.1", () => resolve());
  });
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
