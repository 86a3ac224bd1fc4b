// npm run bench [-- --quick] [-- --only=sizes,recording,ingest,storage,replay,deletion,adversarial]
// Measures the figures of issue 7 and writes bench/REPORT.md and bench/report.json (a quick or
// partial run writes bench/out/ instead, leaving the committed full report alone). Full mode takes
// about half an hour, one figure after the other; --quick is a smoke run (short sessions, one run
// each, independent figures side by side: its numbers are only a sign of life). Everything runs on
// this machine: the app on loopback as `npm start` starts it (SQLite on port 3400, PostgreSQL on
// 3401), Chromium headless, PostgreSQL at BENCH_PG_URL (default
// postgresql://postgres@127.0.0.1:5432/postgres) in fresh databases dropped at the end.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import type { InProcessInput, InProcessResult } from "./child";
import { measureIngestLoad } from "./figures/ingest-load";
import { measureRecordingCost, type CapturedSession } from "./figures/recording-cost";
import { measureReplayStart, type UploadedRecording } from "./figures/replay-start";
import { measureSdkSize } from "./figures/sdk-size";
import { storageSample, summarizeStorage, type StorageSample } from "./figures/storage";
import { demoSiteKey } from "./lib/app-client";
import { CHROMIUM_PATH, launchChromium } from "./lib/browser";
import { machine, packageVersions } from "./lib/machine";
import { AppServer, type AppServerConfig } from "../tests/support/app-server";
import { createPgDatabases } from "../tests/support/pg-databases.mjs";
import { newSecrets, PG_ADMIN_URL, postgresVersion, runChild } from "./lib/processes";
import { writeReport, type Report } from "./lib/report";

const FIGURES = ["sizes", "recording", "ingest", "storage", "replay", "deletion", "adversarial"] as const;
type Figure = (typeof FIGURES)[number];

const QUICK = process.argv.includes("--quick");
const ONLY = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length).split(",");
if (ONLY?.some((f) => !FIGURES.includes(f as Figure))) {
  console.error(`--only takes a comma-separated list of: ${FIGURES.join(", ")}`);
  process.exit(2);
}
const wants = (f: Figure) => !ONLY || ONLY.includes(f);

// The amount of work of each figure, full and quick. Every loop of the bench is bounded by these.
const PLAN = QUICK
  ? {
      sizeBuilds: 1,
      sessionSeconds: 4,
      costRounds: 1,
      ingest: { concurrency: 16, seconds: 3, maxRequests: 1500, rounds: 1, singleVisitorSeconds: 0 },
      pipeline: { rounds: 1, sessions: 3, minutesPerSession: 1 },
      replayMinutes: [1],
      replayRuns: 1,
      deletion: { sessions: 500, rounds: 1, chunksPerSession: 3, chunkBytes: 1500 },
      adversarial: { runs: 1, shapes: 5 },
    }
  : {
      sizeBuilds: 2,
      sessionSeconds: 60,
      costRounds: 3,
      ingest: { concurrency: 32, seconds: 20, maxRequests: 12_000, rounds: 3, singleVisitorSeconds: 10 },
      pipeline: { rounds: 5, sessions: 10, minutesPerSession: 1 },
      replayMinutes: [1, 10, 30],
      replayRuns: 3,
      deletion: { sessions: 10_000, rounds: 3, chunksPerSession: 3, chunkBytes: 1500 },
      adversarial: { runs: 3, shapes: 5 },
    };

const SQLITE_APP = { port: 3400, mailPort: 3425, inboundPort: 3427 };
const POSTGRES_APP = { port: 3401, mailPort: 3426, inboundPort: 3428 };
// A build can happen at start-up (scripts/start.ts rebuilds when sources changed).
const READY_TIMEOUT_MS = 15 * 60_000;

async function startApp(config: AppServerConfig): Promise<AppServer> {
  const app = new AppServer(config);
  await app.start(READY_TIMEOUT_MS);
  return app;
}

const started = performance.now();
const log = (line: string) => console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

async function main() {
  const runDir = path.resolve("data", `bench-${Date.now().toString(36)}${randomBytes(2).toString("hex")}`);
  mkdirSync(runDir, { recursive: true });
  const pg = await postgresVersion();
  const report: Report = {
    mode: QUICK ? "quick" : "full",
    command: `npm run bench${QUICK ? " -- --quick" : ""}${ONLY ? ` -- --only=${ONLY.join(",")}` : ""}`,
    generatedAt: new Date().toISOString(),
    seconds: 0,
    loadAverage: { start: os.loadavg()[0]!, end: 0 },
    machine: machine({ chromium: null, postgres: pg, sqlite: (new Database(":memory:").prepare("SELECT sqlite_version() AS v").get() as { v: string }).v }),
    versions: packageVersions(),
    plan: PLAN,
    problems: [],
  };
  if (!pg) report.problems.push("PostgreSQL: no server answered at BENCH_PG_URL (default 127.0.0.1:5432); the PostgreSQL figures were not measured.");
  const hasChromium = existsSync(CHROMIUM_PATH);
  if (!hasChromium) report.problems.push(`Chromium is missing at ${CHROMIUM_PATH} (apt-get install chromium): the browser figures were not measured.`);

  // A figure that fails goes into the report as not measured; the others go on.
  const attempt = async <T>(what: string, fn: () => Promise<T>): Promise<T | undefined> => {
    log(`${what}…`);
    try {
      return await fn();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      log(`${what} FAILED: ${message}`);
      report.problems.push(`${what}: ${message.split("\n")[0]}`);
      return undefined;
    }
  };

  // ---- phases -----------------------------------------------------------------------------------

  const sizes = async () => {
    if (wants("sizes")) report.sdkSize = await attempt("SDK size", () => measureSdkSize({ builds: PLAN.sizeBuilds }));
  };

  // Pipeline cost and deletion, in a child process per database, on a fresh database.
  // The adversarial figure is about CPU, not the database: SQLite only.
  const inProcessFor = (db: "sqlite" | "postgres"): InProcessInput => ({
    pipeline: wants("ingest") ? PLAN.pipeline : undefined,
    deletion: wants("deletion") ? PLAN.deletion : undefined,
    adversarial: wants("adversarial") && db === "sqlite" ? PLAN.adversarial : undefined,
  });
  const inProcessOn = (db: "sqlite" | "postgres") => async () => {
    const inProcess = inProcessFor(db);
    if (!inProcess.pipeline && !inProcess.deletion && !inProcess.adversarial) return;
    if (db === "postgres" && !pg) return;
    const result = await attempt(`in-process figures on ${db}`, async () => {
      const pgDb = db === "postgres" ? await createPgDatabases(PG_ADMIN_URL, "rd_bench", ["inproc"]) : null;
      const url = pgDb?.urls.inproc ?? `file:${path.join(runDir, "in-process.db")}`;
      try {
        const env = { ...newSecrets(), DATABASE_URL: url, APP_URL: `http://localhost:${SQLITE_APP.port}`, DATA_DIR: path.join(runDir, `in-process-${db}`) };
        return await runChild<InProcessResult>(inProcess, env, path.join(runDir, `in-process-${db}.json`));
      } finally {
        await pgDb?.drop();
      }
    });
    if (inProcess.pipeline) (report.pipeline ??= {})[db] = result?.pipeline;
    if (inProcess.deletion) (report.deletion ??= {})[db] = result?.deletion;
    if (inProcess.adversarial) report.adversarial = result?.adversarial;
  };

  // The app on SQLite: the browser figures (recording cost, replay start, and storage from the
  // sessions they upload), then the ingest load.
  const sqliteApp = async () => {
    const browserFigures = hasChromium && (wants("recording") || wants("storage") || wants("replay"));
    if (!browserFigures && !wants("ingest")) return;
    const app = await attempt("starting the app on SQLite", () =>
      startApp({ ...SQLITE_APP, dataDir: path.join(runDir, "app-sqlite"), databaseUrl: `file:${path.join(runDir, "app-sqlite", "replaydesk.db")}` }),
    );
    if (!app) return;
    try {
      const siteKey = await demoSiteKey(app.url);
      if (browserFigures) await browserPhase(app, siteKey);
      if (wants("ingest")) (report.ingestLoad ??= {}).sqlite = await attempt("ingest load on SQLite", () => measureIngestLoad({ ...PLAN.ingest, appUrl: app.url, siteKey, appCpuSeconds: () => app.cpuSeconds() }));
    } finally {
      await app.stop();
    }
  };

  const browserPhase = async (app: AppServer, siteKey: string) => {
    const browser = await launchChromium();
    try {
      report.machine.chromium = browser.version();
      let captures: CapturedSession[] = [];
      if (wants("recording") || wants("storage")) {
        const cost = await attempt("recording cost in the browser", () => measureRecordingCost({ browser, appUrl: app.url, seconds: PLAN.sessionSeconds, rounds: PLAN.costRounds, log }));
        if (wants("recording")) report.recordingCost = cost?.result;
        captures = cost?.captures ?? [];
      }
      let uploaded: UploadedRecording[] = [];
      if (wants("replay") || wants("storage")) {
        const replay = await attempt("replay start", () => measureReplayStart({ browser, appUrl: app.url, dataDir: app.config.dataDir, siteKey, minutes: PLAN.replayMinutes, runs: PLAN.replayRuns, log }));
        if (wants("replay")) report.replayStart = replay?.result;
        uploaded = replay?.uploaded ?? [];
      }
      if (wants("storage")) {
        const samples: StorageSample[] = [
          ...captures.map((c) => storageSample({ label: `/demo/shop in Chromium, recorded by the SDK (${PLAN.sessionSeconds} s)`, databaseUrl: app.config.databaseUrl, sdkSessionId: c.sessionId, seconds: c.seconds, events: c.events })),
          ...uploaded.map((u) => storageSample({ label: `generated ${u.minutes}-minute session`, databaseUrl: app.config.databaseUrl, sdkSessionId: u.sessionId, seconds: u.minutes * 60, events: u.batches.flat() })),
        ];
        report.storage = summarizeStorage(samples);
      }
    } finally {
      await browser.close();
    }
  };

  const postgresApp = async () => {
    if (!wants("ingest") || !pg) return;
    (report.ingestLoad ??= {}).postgres = await attempt("ingest load on PostgreSQL", async () => {
      const pgDb = await createPgDatabases(PG_ADMIN_URL, "rd_bench", ["app"]);
      let app: AppServer | undefined;
      try {
        app = await startApp({ ...POSTGRES_APP, dataDir: path.join(runDir, "app-postgres"), databaseUrl: pgDb.urls.app, env: newSecrets() });
        const a = app;
        return await measureIngestLoad({ ...PLAN.ingest, appUrl: a.url, siteKey: await demoSiteKey(a.url), appCpuSeconds: () => a.cpuSeconds() });
      } finally {
        await app?.stop();
        await pgDb.drop();
      }
    });
  };

  // Full: one phase at a time, so that no figure measures another's load. Quick: the lanes run
  // side by side to stay under a minute.
  const lanes = [[sizes, inProcessOn("sqlite")], [sqliteApp], [inProcessOn("postgres")], [postgresApp]];
  const runLane = async (lane: (() => Promise<void>)[]) => {
    for (const phase of lane) await phase();
  };
  if (QUICK) await Promise.all(lanes.map(runLane));
  else await runLane(lanes.flat());

  report.seconds = (performance.now() - started) / 1000;
  report.loadAverage.end = os.loadavg()[0]!;
  const written = writeReport(report, { partial: ONLY !== undefined });
  log(`wrote ${written.join(" and ")} (${report.seconds.toFixed(0)} s${report.problems.length ? `, ${report.problems.length} problem(s)` : ""})`);
  // The run's data (databases, app logs, caught mail) is kept only to look into a problem.
  if (report.problems.length === 0) rmSync(runDir, { recursive: true, force: true });
  else log(`run data kept in ${runDir}`);
  // A figure that could not be measured fails the run (CI runs --quick as a smoke test of the
  // bench itself; no figure's value is asserted).
  return report.problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
