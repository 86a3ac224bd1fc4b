// Running bench tasks in child processes, and the PostgreSQL server's version. The app itself is
// started by tests/support/app-server.ts, as the test suites start it.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { withPgAdmin } from "../../tests/support/pg-databases.mjs";

// Bench scripts run from the repository root (npm run sets it), like scripts/.
const ROOT = process.cwd();
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

export type Secrets = { AUTH_SECRET: string; MASTER_KEY: string; PSEUDONYM_SECRET: string };

export function newSecrets(): Secrets {
  const s = () => randomBytes(32).toString("base64");
  return { AUTH_SECRET: s(), MASTER_KEY: s(), PSEUDONYM_SECRET: s() };
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));
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

// ---- PostgreSQL (fresh databases: tests/support/pg-databases.mjs) -----------------------------

export const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

// The server's version, or null when no server answers (the PostgreSQL figures are then skipped
// and the report says so).
export async function postgresVersion(): Promise<string | null> {
  return withPgAdmin(PG_ADMIN_URL, async (c) => (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? null).catch(() => null);
}
