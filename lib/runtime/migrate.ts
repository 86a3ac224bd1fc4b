import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseKind } from "@/lib/db/kind";

// On SQLite, `prisma migrate deploy` cannot take the file while the app holds it open (it times
// out), so a database that already has every committed migration is left alone: the admin CLI and
// the worker can run beside a running app.
function sqliteIsCurrent(file: string): boolean {
  if (!existsSync(file)) return false;
  const committed = readdirSync("prisma/migrations", { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const applied = new Set(
      (db.prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL").all() as { migration_name: string }[]).map((r) => r.migration_name),
    );
    return committed.every((name) => applied.has(name));
  } catch {
    return false; // no _prisma_migrations table yet
  } finally {
    db.close();
  }
}

// Applies the committed migrations of the database DATABASE_URL points at (prisma.config.ts picks
// the SQLite or PostgreSQL schema and migration folder from the same URL).
export function migrateDatabase(envVars: NodeJS.ProcessEnv): void {
  const url = envVars.DATABASE_URL ?? "";
  const sqliteFile = databaseKind(url) === "sqlite" ? url.replace(/^file:/, "") : null;
  if (sqliteFile && sqliteIsCurrent(sqliteFile)) return;
  const prisma = path.resolve("node_modules/.bin/prisma");
  const run = spawnSync(prisma, ["migrate", "deploy"], { env: { ...envVars, PRISMA_HIDE_UPDATE_MESSAGE: "1" }, encoding: "utf8" });
  if (run.status !== 0) {
    throw new Error(`Database migration failed:\n${(run.stdout ?? "") + (run.stderr ?? "")}`);
  }
  if (sqliteFile) {
    // WAL is a property of the file: readers keep going while the sweeper or ingest writes.
    const file = new Database(sqliteFile);
    file.pragma("journal_mode = WAL");
    file.close();
  }
}
