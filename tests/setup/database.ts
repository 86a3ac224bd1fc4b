import { spawnSync } from "node:child_process";
import { applyLocalDefaults } from "@/lib/runtime/local-defaults";

// Integration suites run against the database in DATABASE_URL (npm test makes a fresh one per
// run, SQLite or PostgreSQL); running `npx vitest` alone uses data/vitest with SQLite. The
// database is prepared exactly as `npm run db:migrate` prepares it: migrations, then the upgrade
// step (which needs the server-only modules, hence its own process).
export default function setup() {
  process.env.DATA_DIR ||= "data/vitest";
  Object.assign(process.env, applyLocalDefaults());
  const run = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/migrate.ts"], { env: process.env, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`Preparing the test database failed:\n${run.stdout}${run.stderr}`);
}
