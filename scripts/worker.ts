// npm run worker [-- --once] – the retention sweeper and the outbox's delivery loop as their own
// process, for deployments with several app instances (set REPLAYDESK_SWEEPER=off and
// REPLAYDESK_JOBS=off on them if you like; several sweepers and delivery loops at once are safe on
// PostgreSQL). --once: one sweep and one delivery pass until nothing is due, then exit (1 if the
// sweep reported an error), e.g. from cron.
import { parseArgs } from "node:util";
import { applyLocalDefaults } from "@/lib/runtime/local-defaults";

const USAGE = `Usage: npm run worker [-- --once] [-- --batch-size N]

  --once          sweep once and deliver the queued emails until nothing is due, then exit
                  (exit code 1 if the sweep reported an error)
  --batch-size N  recordings read per batch (default 100)
Without --once, sweeps every SWEEPER_INTERVAL_SECONDS (default 60) and delivers queued emails as they
come due (polling every second) until stopped (SIGINT/SIGTERM).
`;

function parse(argv: string[]) {
  const { values } = parseArgs({ args: argv, options: { once: { type: "boolean" }, "batch-size": { type: "string" }, help: { type: "boolean" } }, strict: true });
  const batchSize = values["batch-size"] === undefined ? undefined : Number(values["batch-size"]);
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000)) throw new Error("--batch-size must be a whole number from 1 to 10000");
  return { once: values.once ?? false, batchSize, help: values.help ?? false };
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(process.argv.slice(2));
  } catch (err) {
    console.error(`Error: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  Object.assign(process.env, applyLocalDefaults());
  const { parseEnv, EnvError } = await import("@/lib/config/env");
  try {
    parseEnv(process.env);
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
  // No migration here: the app (npm start) or `npm run db:migrate` owns the schema, and on SQLite
  // `prisma migrate deploy` cannot take its lock while the app has the database open.
  const { env } = await import("@/lib/config/env");
  const { sweepOnce, sweeperName } = await import("@/lib/retention/sweep");
  const { startSweeperLoop, sweepLogLine } = await import("@/lib/retention/sweeper-loop");
  const { deliverDueJobs } = await import("@/lib/jobs/deliver");
  const { deliveryLogLine, startJobLoop } = await import("@/lib/jobs/job-loop");
  const worker = sweeperName("worker");

  if (args.once) {
    const controller = new AbortController();
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => controller.abort());
    const result = await sweepOnce({ worker, batchSize: args.batchSize, signal: controller.signal });
    console.log(sweepLogLine(result));
    // After the sweep: the access-review emails it queued go out in this pass too.
    console.log(deliveryLogLine(worker, await deliverDueJobs({ worker, signal: controller.signal })));
    return result.result === "ok" ? 0 : 1;
  }

  // Replies by email, when INBOUND_SMTP=worker: run exactly one such worker.
  await (await import("@/lib/inbound/smtp-server")).startInboundSmtpFor("worker");
  // REPLAYDESK_JOBS=off stops the app's loop only: it is how delivery is moved to this process.
  console.log(`[replaydesk] sweeper ${worker} running every ${env().SWEEPER_INTERVAL_SECONDS} s, delivering queued emails`);
  const loop = startSweeperLoop({ worker, intervalMs: env().SWEEPER_INTERVAL_SECONDS * 1000, keepAlive: true, batchSize: args.batchSize });
  const jobs = startJobLoop({ worker, keepAlive: true });
  await new Promise<void>((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve());
  });
  // Finishes the deletion and the send in progress, records the sweep as stopped, then exits.
  await Promise.all([loop.stop(), jobs.stop()]);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if ((err as { code?: unknown }).code === "P2021") {
      console.error("Error: the database has no Replaydesk tables yet: run `npm run db:migrate` (or `npm start`) first.");
    } else {
      // Prisma's messages carry a long code excerpt; the last line is the one that explains.
      console.error(`Error: ${err instanceof Error ? err.message.trim().split("\n").pop() : String(err)}`);
    }
    process.exit(1);
  },
);
