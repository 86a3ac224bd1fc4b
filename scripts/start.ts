// npm start – migrate, seed demo data into an empty database, build when sources changed, run the
// mail catcher in the local demo (loopback APP_URL, no SMTP_URL), then serve Next.js on HOST
// (loopback by default for a loopback APP_URL). REPLAYDESK_DEV=1 serves `next dev`.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { applyLocalDefaults } from "@/lib/runtime/local-defaults";
import { migrateDatabase } from "@/lib/runtime/migrate";
import { buildIsCurrent, writeBuildStamp } from "@/lib/runtime/build-stamp";
import { isLoopbackUrl } from "@/lib/http/peer";

async function main() {
  const vars = applyLocalDefaults();
  Object.assign(process.env, vars);
  const { parseEnv, EnvError, devMailboxEnabled } = await import("@/lib/config/env");
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
  const { upgradeInstallation, describeUpgrade } = await import("@/lib/runtime/upgrade");
  const upgraded = describeUpgrade(await upgradeInstallation());
  if (upgraded) console.log(upgraded);
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

  if (devMailboxEnabled(config)) {
    const { startMailCatcher } = await import("@/lib/mail/catcher");
    await startMailCatcher({ port: config.MAILBOX_SMTP_PORT, dir: path.join(config.DATA_DIR, "mailbox") });
    console.log(`No SMTP_URL set: mail is caught locally; read it at ${config.APP_URL}/dev/mailbox`);
  }
  // Replies by email, when INBOUND_SMTP=app (the default): in this process, once per app.
  await (await import("@/lib/inbound/smtp-server")).startInboundSmtpFor("app");

  // An app whose links point at this machine is a local demo: it listens on the loopback address
  // of its APP_URL only (localhost: 127.0.0.1), so its mailbox and demo accounts are not offered
  // to the network, unless HOST says otherwise.
  const appHost = new URL(config.APP_URL).hostname.replace(/^\[(.*)\]$/, "$1");
  const host = config.HOST ?? (isLoopbackUrl(config.APP_URL) ? (appHost === "localhost" ? "127.0.0.1" : appHost) : "");
  // Production runs scripts/serve.mjs rather than `next start`: it records the client's real
  // address for the per-client rate limits, and caps bodies and request times (see there).
  const [command, args] = dev
    ? [path.resolve("node_modules/.bin/next"), ["dev", "-p", process.env.PORT ?? "3000", ...(host ? ["-H", host] : [])]]
    : [process.execPath, [path.resolve("scripts/serve.mjs")]];
  const next = spawn(command, args, {
    stdio: "inherit",
    env: { ...process.env, HOST: host, NODE_ENV: dev ? "development" : "production" },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => next.kill(signal));
  next.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
