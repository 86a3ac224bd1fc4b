// npm start – migrate, seed demo data into an empty database, build when sources changed, run the
// mail catcher when no SMTP_URL is set, then serve Next.js. REPLAYDESK_DEV=1 serves `next dev`.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { applyLocalDefaults } from "@/lib/runtime/local-defaults";
import { migrateDatabase } from "@/lib/runtime/migrate";
import { buildIsCurrent, writeBuildStamp } from "@/lib/runtime/build-stamp";

async function main() {
  const vars = applyLocalDefaults();
  Object.assign(process.env, vars);
  const { parseEnv, EnvError } = await import("@/lib/config/env");
  let config;
  try {
    config = parseEnv(process.env);
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }

  migrateDatabase(process.env);
  // Page lists stored before paths were masked are masked too (idempotent).
  await (await import("@/lib/ingest/mask-stored-pages")).maskStoredPageLists();
  const { seedDemoIfEmpty, demoSiteKey } = await import("@/lib/seed/demo");
  if (await seedDemoIfEmpty(config.APP_URL)) console.log("Seeded the demo site and accounts (admin@, supervisor@, agent@, customer@demo.test).");
  process.env.DEMO_SITE_KEY = (await demoSiteKey()) ?? "";

  const dev = process.env.REPLAYDESK_DEV === "1";
  if (!dev && !buildIsCurrent()) {
    console.log("Building Replaydesk (sources changed since the last build)...");
    const build = spawnSync("npm", ["run", "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
    if (build.status !== 0) process.exit(build.status ?? 1);
    writeBuildStamp();
  }

  if (config.SMTP_URL === undefined) {
    const { startMailCatcher } = await import("@/lib/mail/catcher");
    await startMailCatcher({ port: config.MAILBOX_SMTP_PORT, dir: path.join(config.DATA_DIR, "mailbox") });
    console.log(`No SMTP_URL set: mail is caught locally; read it at ${config.APP_URL}/dev/mailbox`);
  }

  // Production runs scripts/serve.mjs rather than `next start`: it records the client's real
  // address for the per-client rate limits (see there).
  const [command, args] = dev ? [path.resolve("node_modules/.bin/next"), ["dev", "-p", process.env.PORT ?? "3000"]] : [process.execPath, [path.resolve("scripts/serve.mjs")]];
  const next = spawn(command, args, {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: dev ? "development" : "production" },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => next.kill(signal));
  next.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
