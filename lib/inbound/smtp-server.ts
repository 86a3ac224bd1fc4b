import "server-only";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import { env } from "@/lib/config/env";
import { MAX_INBOUND_MESSAGE_BYTES, receiveMail } from "@/lib/inbound/receive-mail";
import { addressKey, rateLimit } from "@/lib/http/rate-limit";
import { inboundDomain, replyTokenOf } from "@/lib/mail/reply-address";

// The inbound SMTP server for replies by email, behind the domain's MX or a relay. It is not an
// open relay: it takes reply+<token>@INBOUND_DOMAIN recipients only, and does nothing else with a
// message than hand it to lib/inbound/receive-mail.ts before answering, so a sender that gets 250
// knows the reply is stored (or deliberately dropped) and one that gets 4xx retries.

const MAX_CONNECTIONS = 20;
const MAX_RECIPIENTS = 10;
// Per client address (IPv6 by /64), per minute: a relay sends many, a guesser is slowed down.
const CONNECTIONS_PER_MINUTE = 60;
const MESSAGES_PER_MINUTE = 60;

const smtpError = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

function limited(key: string, limit: number, session: SMTPServerSession): Error | null {
  try {
    rateLimit(`inbound-smtp:${key}:${addressKey(session.remoteAddress)}`, limit, 60_000);
    return null;
  } catch {
    return smtpError(421, "4.7.0 Too many messages from your address; try again later");
  }
}

function readMessage(stream: SMTPServerDataStream): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => parts.push(chunk));
    stream.on("error", reject);
    // Past the size limit smtp-server keeps reading and discarding: null refuses it with 552.
    stream.on("end", () => resolve(stream.sizeExceeded ? null : Buffer.concat(parts)));
  });
}

export async function startInboundSmtp(opts: { host: string; port: number }): Promise<{ close(): Promise<void> }> {
  const server = new SMTPServer({
    // No AUTH (the reply token authenticates) and no STARTTLS until a certificate is configured.
    disabledCommands: ["AUTH", "STARTTLS"],
    authOptional: true,
    size: MAX_INBOUND_MESSAGE_BYTES,
    maxClients: MAX_CONNECTIONS,
    banner: "Replaydesk replies",
    logger: false,
    onConnect(session, callback) {
      callback(limited("connect", CONNECTIONS_PER_MINUTE, session) ?? undefined);
    },
    onMailFrom(_address, session, callback) {
      callback(limited("message", MESSAGES_PER_MINUTE, session) ?? undefined);
    },
    onRcptTo(address, session, callback) {
      if (!replyTokenOf(address.address)) return callback(smtpError(550, "5.1.1 No such recipient: this server accepts replies to reply addresses only"));
      if (session.envelope.rcptTo.length >= MAX_RECIPIENTS) return callback(smtpError(452, "4.5.3 Too many recipients"));
      callback();
    },
    onData(stream, session, callback) {
      readMessage(stream)
        .then(async (raw) => {
          if (!raw) return callback(smtpError(552, `5.3.4 Message larger than ${MAX_INBOUND_MESSAGE_BYTES} bytes`));
          const { mailFrom, rcptTo } = session.envelope;
          await receiveMail(raw, { mailFrom: mailFrom ? mailFrom.address : null, rcptTo: rcptTo.map((r) => r.address) });
          callback();
        })
        .catch((err: unknown) => {
          console.error(`[replaydesk] inbound mail failed, the sender will retry: ${err instanceof Error ? err.name : "unknown error"}`);
          callback(smtpError(451, "4.3.0 Temporary failure; try again later"));
        });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      // A client's broken connection must not stop the server.
      server.on("error", () => undefined);
      resolve();
    });
  });
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

// Starts the server in the process type INBOUND_SMTP names ("app": scripts/start.ts, "worker":
// scripts/worker.ts), so exactly one kind of process listens. A port already taken is reported
// and the process goes on serving without it.
export async function startInboundSmtpFor(processType: "app" | "worker"): Promise<void> {
  const { INBOUND_SMTP, INBOUND_SMTP_HOST: host, INBOUND_SMTP_PORT: port } = env();
  if (INBOUND_SMTP !== processType) return;
  try {
    await startInboundSmtp({ host, port });
    console.log(`[replaydesk] replies by email: SMTP on ${host}:${port} for reply+…@${inboundDomain()}`);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "EADDRINUSE" ? "the port is in use (set INBOUND_SMTP_PORT, or INBOUND_SMTP=off)" : code === "EACCES" ? "no permission to use that port" : (code ?? "unknown error");
    console.error(`[replaydesk] replies by email are NOT received: the inbound SMTP server could not listen on ${host}:${port}: ${why}`);
  }
}
