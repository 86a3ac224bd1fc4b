// npm run db:migrate – applies committed migrations to DATABASE_URL (SQLite or PostgreSQL).
import { applyLocalDefaults } from "@/lib/runtime/local-defaults";
import { migrateDatabase } from "@/lib/runtime/migrate";

async function main() {
  const vars = applyLocalDefaults();
  migrateDatabase(vars);
  Object.assign(process.env, vars);
  // Page lists stored before paths were masked are masked too (idempotent).
  const { maskStoredPageLists } = await import("@/lib/ingest/mask-stored-pages");
  const masked = await maskStoredPageLists();
  console.log(`Migrations applied${masked ? `; page lists of ${masked} recordings masked` : ""}.`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
