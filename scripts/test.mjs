// npm test – every suite, against SQLite by default or PostgreSQL when DATABASE_URL is a
// postgres(ql):// URL (each run gets fresh databases on that server, dropped afterwards):
//   1. static checks (tsc, eslint)   2. unit + integration (Vitest)   3. end-to-end (Playwright, Chromium)
//   4. the adversarial suite's server phases, bounded (its Vitest part runs in step 2)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { createPgDatabases } from "../tests/support/pg-databases.mjs";

// Ports: E2E_PORT (Playwright's app, default 3100; the integration suites' SMTP server is 125
// above it) and ADVERSARIAL_PORT (default 3500), so two checkouts can test side by side.
const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(CHROMIUM)) {
  console.error(`Chromium is missing at ${CHROMIUM}: install it with \`apt-get install chromium\` (a prerequisite, see README.md).`);
  process.exit(1);
}

const baseUrl = process.env.DATABASE_URL ?? "";
const usePostgres = /^postgres(ql)?:\/\//.test(baseUrl);
const runId = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
const runDir = path.resolve("data", "test-runs", runId);
mkdirSync(runDir, { recursive: true });

// Fresh databases for this run: two SQLite files, or two new PostgreSQL databases (dropped at the end).
async function createDatabases() {
  if (!usePostgres) {
    return { urls: { integration: `file:${path.join(runDir, "integration.db")}`, e2e: `file:${path.join(runDir, "e2e", "replaydesk.db")}` }, drop: async () => {} };
  }
  return createPgDatabases(baseUrl, "rd_test", ["integration", "e2e"]);
}

function run(label, cmd, args, env) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  console.log(`=== ${label}: ${r.status === 0 ? "ok" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return r.status === 0;
}

const secret = () => randomBytes(32).toString("base64");
const { urls: dbs, drop: dropDatabases } = await createDatabases();
const shared = {
  NODE_ENV: "test",
  AUTH_SECRET: secret(),
  MASTER_KEY: secret(),
  PSEUDONYM_SECRET: secret(),
  CHROMIUM_PATH: CHROMIUM,
  NEXT_TELEMETRY_DISABLED: "1",
};
let ok = false;
try {
  ok =
    run("typecheck", "npx", ["tsc", "--noEmit"], {}) &&
    run("lint", "npx", ["eslint", "."], {}) &&
    run(`unit + integration (${usePostgres ? "PostgreSQL" : "SQLite"})`, "npx", ["vitest", "run"], {
      ...shared,
      DATABASE_URL: dbs.integration,
      DATA_DIR: path.join(runDir, "integration"),
      APP_URL: `http://localhost:${E2E_PORT}`,
      // Integration suites run their own loopback SMTP server on this port.
      MAILBOX_SMTP_PORT: String(E2E_PORT + 125),
      // ...and the inbound SMTP server for replies by email (tests/integration/inbound*) on this one.
      INBOUND_SMTP_PORT: String(E2E_PORT + 126),
    }) &&
    run(`end-to-end (${usePostgres ? "PostgreSQL" : "SQLite"}, Chromium)`, "npx", ["playwright", "test"], {
      ...shared,
      E2E_PORT: String(E2E_PORT),
      E2E_DATABASE_URL: dbs.e2e,
      E2E_DATA_DIR: path.join(runDir, "e2e"),
    }) &&
    // Fresh databases of its own (from DATABASE_URL, as here); about a minute on port 3500.
    run(`adversarial, bounded (${usePostgres ? "PostgreSQL" : "SQLite"})`, "npx", ["tsx", "--conditions=react-server", "tests/adversarial/run.ts", "--bounded", "--server-only"], shared);
} finally {
  await dropDatabases().catch((e) => console.error(`Could not drop the test databases: ${e.message}`));
  if (ok) rmSync(runDir, { recursive: true, force: true });
}
console.log(ok ? "\nAll suites passed." : `\nSome suite failed (artifacts kept in ${runDir}).`);
process.exit(ok ? 0 : 1);
