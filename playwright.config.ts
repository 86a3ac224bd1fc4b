import { defineConfig, devices } from "@playwright/test";
import path from "node:path";
import { APP_START_COMMAND, appEnv } from "./tests/support/app-server";

// The app under test runs exactly as `npm start` runs it (migrations, demo seed, build when
// needed, the loopback mail catcher), on its own port and data directory. `npm test` sets the
// E2E_* variables; running `npx playwright test` alone uses data/e2e with SQLite.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const BASE_URL = `http://localhost:${PORT}`;
const DATA_DIR = path.resolve(process.env.E2E_DATA_DIR ?? "data/e2e");
process.env.E2E_DATA_DIR = DATA_DIR;
process.env.E2E_BASE_URL = BASE_URL;

export default defineConfig({
  testDir: "tests/e2e",
  // One output folder per port, so runs on different ports never clobber each other's artifacts.
  outputDir: path.join("test-results", `port-${PORT}`),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  workers: 1,
  reporter: [["list"]],
  use: {
    ...devices["Desktop Chrome"],
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    // Browsers cannot be downloaded here: Debian's Chromium, without its background networking.
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  // Declarative on purpose: Playwright starts the command, polls the health URL and stops the app
  // after the run itself. The command and environment are tests/support/app-server.ts's, the one
  // way the suites and the bench start the app.
  webServer: {
    command: APP_START_COMMAND.join(" "),
    url: `${BASE_URL}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: "pipe",
    env: appEnv({
      port: PORT,
      dataDir: DATA_DIR,
      databaseUrl: process.env.E2E_DATABASE_URL ?? `file:${path.join(DATA_DIR, "replaydesk.db")}`,
      // Deletions due "now" (a closed ticket) are swept within seconds instead of a minute.
      env: { SWEEPER_INTERVAL_SECONDS: "3" },
    }),
  },
});
