import { spawnSync } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseKind } from "@/lib/db/kind";

// Applies the committed migrations of the database DATABASE_URL points at (prisma.config.ts picks
// the SQLite or PostgreSQL schema and migration folder from the same URL).
export function migrateDatabase(envVars: NodeJS.ProcessEnv): void {
  const url = envVars.DATABASE_URL ?? "";
  const prisma = path.resolve("node_modules/.bin/prisma");
  const run = spawnSync(prisma, ["migrate", "deploy"], { env: { ...envVars, PRISMA_HIDE_UPDATE_MESSAGE: "1" }, encoding: "utf8" });
  if (run.status !== 0) {
    throw new Error(`Database migration failed:\n${(run.stdout ?? "") + (run.stderr ?? "")}`);
  }
  if (databaseKind(url) === "sqlite") {
    // WAL is a property of the file: readers keep going while the sweeper or ingest writes.
    const file = new Database(url.replace(/^file:/, ""));
    file.pragma("journal_mode = WAL");
    file.close();
  }
}
