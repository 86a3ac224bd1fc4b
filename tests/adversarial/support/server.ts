import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// The app started exactly as `npm start` starts it (migrations, seed, build when needed, the mail
// catcher, the production server), in a process group of its own so a crash can be simulated
// with SIGKILL on the whole group. Everything it prints is kept (for the log scans) and appended
// to a file beside its data.

export type ServerConfig = { port: number; dataDir: string; databaseUrl: string; env: Record<string, string> };

export class AppServer {
  readonly url: string;
  readonly logFile: string;
  // Every line the server printed, across restarts.
  readonly lines: string[] = [];
  private child: ChildProcess | null = null;
  starts = 0;

  constructor(readonly config: ServerConfig) {
    this.url = `http://localhost:${config.port}`;
    this.logFile = path.join(config.dataDir, "server.log");
  }

  get mailDir(): string {
    return path.join(this.config.dataDir, "mailbox");
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(timeoutMs = 300_000): Promise<void> {
    const { port, dataDir, databaseUrl, env } = this.config;
    const child = spawn(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/start.ts"], {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        ...env,
        PORT: String(port),
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        APP_URL: this.url,
        MAILBOX_SMTP_PORT: String(port + 25),
        SMTP_URL: "",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    });
    this.child = child;
    this.starts += 1;
    const keep = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      appendFileSync(this.logFile, text);
      this.lines.push(...text.split("\n").filter((l) => l.trim() !== ""));
    };
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    const exited = new Promise<never>((_, reject) => child.once("exit", (code, signal) => reject(new Error(`the server exited during start-up (${code ?? signal})`))));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (Date.now() > deadline) throw new Error(`the server did not answer /api/v1/health within ${timeoutMs / 1000} s`);
      const ok = await Promise.race([fetch(`${this.url}/api/v1/health`).then((r) => r.ok).catch(() => false), exited]);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  // A crash: the whole process group at once, without a chance to clean up.
  async kill(): Promise<void> {
    await this.signal("SIGKILL");
  }

  async stop(): Promise<void> {
    await this.signal("SIGTERM", 15_000);
  }

  private async signal(signal: NodeJS.Signals, graceMs = 5_000): Promise<void> {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    process.kill(-child.pid, signal);
    const timer = setTimeout(() => {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGKILL");
    }, graceMs);
    await gone;
    clearTimeout(timer);
    // The group's other members (the Next.js server) may outlive the leader by a moment.
    for (let i = 0; i < 50 && (await fetch(`${this.url}/api/v1/health`).then(() => true).catch(() => false)); i++) await new Promise((r) => setTimeout(r, 100));
    this.child = null;
  }

  // Resident memory of the server's process tree (the start script, the Next.js server), in bytes.
  rssBytes(): number {
    const root = this.child?.pid;
    if (!root) return 0;
    const parents = new Map<number, number>();
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        // Fields after the command name, which is in parentheses and may hold spaces.
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        parents.set(Number(entry), ppid);
      } catch {
        // The process ended while we looked.
      }
    }
    const tree = new Set([root]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const [pid, ppid] of parents) {
        if (!tree.has(ppid) || tree.has(pid)) continue;
        tree.add(pid);
        grew = true;
      }
    }
    let total = 0;
    for (const pid of tree) {
      try {
        const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
        total += Number(kb ?? 0) * 1024;
      } catch {
        // Gone meanwhile.
      }
    }
    return total;
  }
}
