import { applyLocalDefaults } from "@/lib/runtime/local-defaults";
import { migrateDatabase } from "@/lib/runtime/migrate";

// Integration suites run against the database in DATABASE_URL (npm test makes a fresh one per
// run, SQLite or PostgreSQL); running `npx vitest` alone uses data/vitest with SQLite.
export default function setup() {
  process.env.DATA_DIR ||= "data/vitest";
  Object.assign(process.env, applyLocalDefaults());
  migrateDatabase(process.env);
}
