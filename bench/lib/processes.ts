// Starting the app the way the end-to-end tests do (scripts/start.ts: migrate, seed, build if the
// sources changed, serve), running bench tasks in child processes, and fresh PostgreSQL databases.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, readdirSync, readFileSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

// Bench scripts run from the repository root (npm run sets it), like scripts/.
const ROOT = process.cwd();
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
// Linux reports process times in clock ticks; 100 per second on every mainstream kernel config.
const CLOCK_TICKS = 100;

export type Secrets = { AUTH_SECRET: string; MASTER_KEY: string; PSEUDONYM_SECRET: string };

export function newSecrets(): Secrets {
  const s = () => randomBytes(32).toString("base64");
  return { AUTH_SECRET: s(), MASTER_KEY: s(), PSEUDONYM_SECRET: s() };
}

export type AppServer = {
  url: string;
  dataDir: string;
  databaseUrl: string;
  // CPU seconds used so far by the app's processes (tsx, the start script, next start).
  cpuSeconds(): number;
  stop(): Promise<void>;
};

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));
}

// utime + stime of every live process in a process group, from /proc.
function groupCpuSeconds(pgid: number): number {
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) !== pgid) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / CLOCK_TICKS;
}

async function waitForHealth(url: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      const log = await readFile(logFile, "utf8").catch(() => "");
      throw new Error(`the app exited with code ${child.exitCode} before it was ready:\n${log.split("\n").slice(-30).join("\n")}`);
    }
    const ok = await fetch(`${url}/api/v1/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the app was not ready within ${timeoutMs / 1000} s (log: ${logFile})`);
}

// The app in its own process group, so that stop() ends it and everything it started, and only that.
export async function startApp(opts: { port: number; mailPort: number; dataDir: string; databaseUrl: string; secrets?: Secrets; readyTimeoutMs: number }): Promise<AppServer> {
  await mkdir(opts.dataDir, { recursive: true });
  const url = `http://localhost:${opts.port}`;
  const logFile = path.join(opts.dataDir, "app.log");
  const log = createWriteStream(logFile, { flags: "a" });
  const child = spawn(TSX, ["--conditions=react-server", "scripts/start.ts"], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      ...opts.secrets,
      PORT: String(opts.port),
      DATA_DIR: opts.dataDir,
      DATABASE_URL: opts.databaseUrl,
      APP_URL: url,
      MAILBOX_SMTP_PORT: String(opts.mailPort),
      SMTP_URL: "",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  // Two sources into one file: neither may end it (the first to close would, and the other's next
  // write would then crash the bench); stop() ends it once both are detached.
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  const pgid = child.pid!;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(-pgid, "SIGTERM");
      const killed = await Promise.race([exited(child).then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000))]);
      if (!killed) process.kill(-pgid, "SIGKILL");
      await exited(child);
    }
    child.stdout!.unpipe(log);
    child.stderr!.unpipe(log);
    log.end();
  };
  try {
    await waitForHealth(url, child, logFile, opts.readyTimeoutMs);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, dataDir: opts.dataDir, databaseUrl: opts.databaseUrl, cpuSeconds: () => groupCpuSeconds(pgid), stop };
}

// Runs bench/child.ts under tsx (so it can import the app's server-only modules) with its own
// environment: each database gets its own process, because lib/ reads DATABASE_URL once.
export async function runChild<T>(input: unknown, env: Record<string, string>, resultFile: string): Promise<T> {
  const child = spawn(TSX, ["--conditions=react-server", "bench/child.ts", resultFile], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env, BENCH_INPUT: JSON.stringify(input), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  await exited(child);
  if (child.exitCode !== 0) throw new Error(`bench child process failed (exit ${child.exitCode}):\n${output.split("\n").slice(-30).join("\n")}`);
  return JSON.parse(await readFile(resultFile, "utf8")) as T;
}

// ---- PostgreSQL ---------------------------------------------------------------------------------

export const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

// The server's version, or null when no server answers (the PostgreSQL figures are then skipped
// and the report says so).
export async function postgresVersion(): Promise<string | null> {
  return withAdmin(async (c) => (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? null).catch(() => null);
}

export async function createPgDatabase(label: string): Promise<string> {
  const name = `rd_bench_${randomBytes(4).toString("hex")}_${label}`;
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function dropPgDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!name.startsWith("rd_bench_")) throw new Error(`refusing to drop ${name}: not a bench database`);
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
