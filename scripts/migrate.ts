// npm run db:migrate – applies committed migrations to DATABASE_URL (SQLite or PostgreSQL).
import { applyLocalDefaults } from "@/lib/runtime/local-defaults";
import { migrateDatabase } from "@/lib/runtime/migrate";

try {
  const vars = applyLocalDefaults();
  migrateDatabase(vars);
  console.log("Migrations applied.");
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
