// npm run db:migrate – applies committed migrations to DATABASE_URL (SQLite or PostgreSQL), then
// the runtime upgrade step (keys moved to the key store, audit chain anchored: lib/runtime/upgrade.ts).
import { applyLocalDefaults } from "@/lib/runtime/local-defaults";
import { migrateDatabase } from "@/lib/runtime/migrate";

async function main() {
  const vars = applyLocalDefaults();
  Object.assign(process.env, vars);
  migrateDatabase(vars);
  const { upgradeInstallation, describeUpgrade } = await import("@/lib/runtime/upgrade");
  const line = describeUpgrade(await upgradeInstallation());
  if (line) console.log(line);
  console.log("Migrations applied.");
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
