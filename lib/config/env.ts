import path from "node:path";
import { z } from "zod";
import { isLoopbackUrl } from "@/lib/http/peer";

// Every setting Replaydesk reads from the environment, validated once. `npm start` fills in the
// local defaults (and generates secrets into data/) before this runs, so a missing value here
// means a deployment is misconfigured: fail with one message that names every problem.

const base64Key32 = z
  .string()
  .refine((v) => Buffer.from(v, v.includes("-") || v.includes("_") ? "base64url" : "base64").length === 32, {
    message: "must be 32 random bytes, base64-encoded (openssl rand -base64 32)",
  });

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATA_DIR: z.string().min(1).default("data"),
    DATABASE_URL: z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file:, postgres:// or postgresql://"),
    APP_URL: z.url({ message: "must be an absolute http(s) URL, e.g. https://desk.example.com" }),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)"),
    MASTER_KEY: base64Key32,
    PSEUDONYM_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)"),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
      .optional(),
    MAIL_FROM: z.string().min(3).default("Replaydesk <no-reply@replaydesk.local>"),
    // The address `npm start` listens on. Unset: loopback only (127.0.0.1) when APP_URL is a
    // loopback URL (the local demo), every interface otherwise (scripts/start.ts).
    HOST: z.string().min(1).optional(),
    // Port of the embedded mail catcher that `npm start` runs when SMTP_URL is unset.
    MAILBOX_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(2525),
    // The retention sweeper's period. Capped at 120 s: every due deletion must be done within two
    // minutes of its due time (lib/retention/sweep.ts).
    SWEEPER_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(120, "must be at most 120 (deletions are due within 2 minutes)").default(60),
    // "off" when separate `npm run worker` processes sweep instead of the app (instrumentation.ts).
    REPLAYDESK_SWEEPER: z.enum(["on", "off"], { message: "must be on or off" }).default("on"),
    // "off" when separate `npm run worker` processes deliver the outbox's jobs (mail, webhooks).
    REPLAYDESK_JOBS: z.enum(["on", "off"], { message: "must be on or off" }).default("on"),
    // The outbox's retry delays: attempt n waits JOB_BACKOFF_BASE_MS × 2^(n-1) (tests use a few
    // hundred ms); after JOB_MAX_ATTEMPTS a job moves to the dead-letter list.
    JOB_BACKOFF_BASE_MS: z.coerce.number().int().min(10, "must be at least 10").max(3_600_000, "must be at most 3600000").default(30_000),
    JOB_MAX_ATTEMPTS: z.coerce.number().int().min(1, "must be at least 1").max(30, "must be at most 30").default(8),
    // Reply by email: Reply-To is reply+<token>@INBOUND_DOMAIN (default: APP_URL's host name).
    INBOUND_DOMAIN: z.string().regex(/^[a-z0-9.-]+$/i, "must be a domain name, e.g. reply.example.com").optional(),
    // The inbound SMTP server: which process runs it (exactly one type), on which address and port.
    INBOUND_SMTP: z.enum(["app", "worker", "off"], { message: "must be app, worker or off" }).default("app"),
    INBOUND_SMTP_HOST: z.string().min(1).default("127.0.0.1"),
    INBOUND_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(2526),
    // Outbound webhooks: hosts (comma-separated) a webhook URL may name even when they resolve to a
    // loopback or private address, and which may use http (lib/webhooks/ssrf-guard.ts).
    WEBHOOK_ALLOWED_HOSTS: z.string().default(""),
    // Mailgun's inbound route webhook (/api/v1/inbound/mailgun) is verified with this key.
    MAILGUN_SIGNING_KEY: z.string().min(16, "must be Mailgun's HTTP webhook signing key").optional(),
    // The key store (lib/crypto/key-store.ts): a directory outside DATA_DIR for one node, or a
    // PostgreSQL database of its own shared by several instances (docs/security.md, Key custody).
    KEY_STORE_DIR: z.string().min(1).default("data-keys"),
    KEY_STORE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL").optional(),
    // Retention of what is not a recording (docs/privacy.md, Retention of everything).
    TICKET_RETENTION_DAYS: z.coerce.number().int().min(1, "must be at least 1").max(3650, "must be at most 3650").default(90),
    CONSENT_RETENTION_DAYS: z.coerce.number().int().min(1, "must be at least 1").max(3650, "must be at most 3650").default(183),
    AUDIT_RETENTION_DAYS: z.coerce.number().int().min(30, "must be at least 30").max(3650, "must be at most 3650").default(365),
    // At least the longest possible session (24 h): ingest reads receipts to refuse a deleted session's return.
    RECEIPT_RETENTION_DAYS: z.coerce.number().int().min(2, "must be at least 2 (a session can last 24 hours)").max(3650, "must be at most 3650").default(30),
    // Who runs this Replaydesk for the publishers when it is not each publisher itself (a provider,
    // their processor under Art. 28): named in the consent-banner text and the DPO's documents.
    HOSTED_BY: z.string().trim().min(2, "must be 2 to 200 characters (the provider's name)").max(200, "must be 2 to 200 characters (the provider's name)").optional(),
  })
  .superRefine((env, ctx) => {
    const local = isLoopbackUrl(env.APP_URL);
    if (env.NODE_ENV === "production" && env.APP_URL.startsWith("http://") && !local) {
      ctx.addIssue({ code: "custom", path: ["APP_URL"], message: "must use https:// in production" });
    }
    // The key store is worthless inside what is backed up with the database.
    const rel = path.relative(path.resolve(env.DATA_DIR), path.resolve(env.KEY_STORE_DIR));
    if (!env.KEY_STORE_URL && (rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel)))) {
      ctx.addIssue({ code: "custom", path: ["KEY_STORE_DIR"], message: "must be outside DATA_DIR (a backup of the data directory must not hold the keys)" });
    }
    if (env.KEY_STORE_URL && sameDatabase(env.KEY_STORE_URL, env.DATABASE_URL)) {
      ctx.addIssue({ code: "custom", path: ["KEY_STORE_URL"], message: "must name another database than DATABASE_URL (the database's backups must not hold the keys)" });
    }
    // Without a mail server, sign-in and approval links are caught and shown at /dev/mailbox:
    // acceptable for a demo on this machine only.
    if (env.SMTP_URL === undefined && !local) {
      ctx.addIssue({ code: "custom", path: ["SMTP_URL"], message: "must be set when APP_URL is not a loopback address (localhost, 127.0.0.1, [::1]), because the built-in mail catcher and /dev/mailbox serve a local demo only" });
    }
  });

function sameDatabase(a: string, b: string): boolean {
  try {
    const [x, y] = [new URL(a), new URL(b)];
    return x.hostname === y.hostname && (x.port || "5432") === (y.port || "5432") && x.pathname === y.pathname;
  } catch {
    return false;
  }
}

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {}

// Messages name the variable and the rule, never the value (it may be a secret).
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable means unset (e.g. SMTP_URL= in a .env file).
  const result = EnvSchema.safeParse(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== "")));
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => {
    const name = String(i.path[0] ?? "environment");
    return !source[name] && i.code !== "custom" ? `  ${name}: is missing` : `  ${name}: ${i.message}`;
  });
  throw new EnvError(`Replaydesk configuration is invalid:\n${lines.join("\n")}\nSee .env.example for every variable.`);
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

// The embedded mail catcher and /dev/mailbox exist only for a local demo: no mail server
// configured, and an APP_URL only this machine reaches (parseEnv refuses anything else).
export function devMailboxEnabled(e: Env = env()): boolean {
  return e.SMTP_URL === undefined && isLoopbackUrl(e.APP_URL);
}
