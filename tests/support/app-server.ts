import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { appMailbox, type Mailbox } from "./mailbox";
import { waitUntil } from "./poll";

// The one way the test suites and the bench start the app: exactly as `npm start` starts it
// (scripts/start.ts: migrations, demo seed, a build when the sources changed, the loopback mail
// catcher, the production server), on a port and data directory of its own, ready once
// /api/v1/health answers. Playwright's webServer runs the same command with the same environment
// (appEnv), declaratively. The app runs in a process group of its own, so stop() and kill() reach
// everything it started, and only that; what it prints is appended to a log file in its data
// directory, across restarts.

// Every caller (Playwright, the adversarial runner, the bench) runs from the repository root.
const ROOT = process.cwd();
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
export const APP_START_COMMAND = [TSX, "--conditions=react-server", "scripts/start.ts"] as const;
// Linux reports process times in clock ticks; 100 per second on every mainstream kernel config.
const CLOCK_TICKS = 100;

export type AppServerConfig = {
  port: number;
  dataDir: string;
  databaseUrl: string;
  // The catcher's SMTP port (default port + 25).
  mailPort?: number;
  // The inbound SMTP server's port for replies by email (default port + 26).
  inboundPort?: number;
  // More variables (secrets, SWEEPER_INTERVAL_SECONDS…), over the caller's own environment.
  env?: Record<string, string>;
};

// The environment the app under test gets: loopback URL (so the local mail catcher runs), no
// outside mail server, no telemetry.
export function appEnv(config: AppServerConfig): Record<string, string> {
  return {
    ...config.env,
    PORT: String(config.port),
    DATA_DIR: config.dataDir,
    DATABASE_URL: config.databaseUrl,
    APP_URL: `http://localhost:${config.port}`,
    MAILBOX_SMTP_PORT: String(config.mailPort ?? config.port + 25),
    INBOUND_SMTP_PORT: String(config.inboundPort ?? config.port + 26),
    SMTP_URL: "",
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

const answersHealth = (url: string) => fetch(`${url}/api/v1/health`).then((r) => r.ok, () => false);

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (err) {
    // Every member has exited already.
    if ((err as NodeJS.ErrnoException).code !== "ESRCH") throw err;
  }
}

export class AppServer {
  readonly url: string;
  readonly logFile: string;
  readonly mailbox: Mailbox;
  private child: ChildProcess | null = null;
  starts = 0;

  constructor(readonly config: AppServerConfig) {
    this.url = `http://localhost:${config.port}`;
    this.logFile = path.join(config.dataDir, "server.log");
    this.mailbox = appMailbox(config.dataDir);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  // Every line the server printed so far, across restarts.
  logLines(): string[] {
    try {
      return readFileSync(this.logFile, "utf8").split("\n").filter((l) => l.trim() !== "");
    } catch {
      return [];
    }
  }

  // Starts the app and waits for its health check; the first start may build (minutes).
  async start(timeoutMs = 300_000): Promise<void> {
    mkdirSync(this.config.dataDir, { recursive: true });
    const [command, ...args] = APP_START_COMMAND;
    const child = spawn(command, args, { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...appEnv(this.config) } });
    this.child = child;
    this.starts += 1;
    const keep = (chunk: Buffer) => appendFileSync(this.logFile, chunk);
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    try {
      await waitUntil(
        async () => {
          if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the app exited during start-up (${child.exitCode ?? child.signalCode}):\n${this.logLines().slice(-30).join("\n")}`);
          return answersHealth(this.url);
        },
        { what: `the app on ${this.url} answering /api/v1/health (log: ${this.logFile})`, timeoutMs, intervalMs: 250 },
      );
    } catch (err) {
      await this.stop();
      throw err;
    }
  }

  // A crash: the whole process group at once, without a chance to clean up.
  kill(): Promise<void> {
    return this.signal("SIGKILL");
  }

  stop(): Promise<void> {
    return this.signal("SIGTERM");
  }

  private async signal(signal: NodeJS.Signals, graceMs = 15_000): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    // To the group even when its leader is gone: the Next.js server may still be up.
    signalGroup(child.pid, signal);
    const ended = await Promise.race([exited(child).then(() => true), new Promise<false>((r) => setTimeout(() => r(false), graceMs).unref())]);
    if (!ended) signalGroup(child.pid, "SIGKILL");
    await exited(child);
    // The group's other members (the Next.js server) may outlive the leader by a moment.
    await waitUntil(async () => !(await answersHealth(this.url)), { what: `the app on ${this.url} to stop answering`, timeoutMs: 5_000, intervalMs: 100 });
    this.child = null;
  }

  // The app's live processes (the start script, the Next.js server): its process group.
  private groupStats(): string[][] {
    const root = this.child?.pid;
    if (!root) return [];
    const out: string[][] = [];
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        // Fields after the command name, which is in parentheses and may hold spaces: state, ppid, pgrp…
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        const fields = [entry, ...stat.slice(stat.lastIndexOf(")") + 2).split(" ")];
        if (Number(fields[3]) === root) out.push(fields);
      } catch {
        // The process ended while we looked.
      }
    }
    return out;
  }

  // CPU seconds used so far by the app's processes (utime + stime).
  cpuSeconds(): number {
    return this.groupStats().reduce((sum, f) => sum + Number(f[12]) + Number(f[13]), 0) / CLOCK_TICKS;
  }

  // Resident memory of the app's processes, in bytes.
  rssBytes(): number {
    let total = 0;
    for (const [pid] of this.groupStats()) {
      try {
        total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
      } catch {
        // Gone meanwhile.
      }
    }
    return total;
  }
}
