// Figure 2: what recording costs the visitor's browser. The same scripted session (mouse, clicks,
// typing, scrolling, and the page's own DOM changes from bench/browser/workload.ts) runs on
// /demo/shop three ways: without any recorder, with the Replaydesk SDK (consented and triggered,
// so it masks, compresses and uploads throughout), and with rrweb's recorder (default options).
// Rounds interleave the variants so that drift in the machine's speed hits them alike.
import { gunzipSync } from "node:zlib";
import type { Browser, Page } from "@playwright/test";
import type { IngestBatch, ReplayEvent } from "@/lib/replay/protocol";
import { waitUntil } from "@/tests/support/poll";
import { browserBundle } from "../lib/browser";
import { summarize, type Summary } from "../lib/stats";

export const VARIANTS = ["none", "replaydesk", "rrweb"] as const;
export type Variant = (typeof VARIANTS)[number];

export type RecordingRun = {
  variant: Variant;
  round: number;
  seconds: number;
  // From CDP Performance.getMetrics, for the page's whole life (load, SDK start, session).
  scriptMs: number;
  taskMs: number;
  threadMs: number;
  // JSHeapUsedSize after a forced garbage collection: what the page keeps.
  heapBytes: number;
  // Longest task on the renderer's main thread (from a trace), and tasks over 50 ms.
  longestTaskMs: number;
  longTasks: number;
  // Bodies POSTed to /api/v1/ingest (gzip), and, for rrweb, the JSON it would have to send.
  uploadedBytes: number;
  uploads: number;
  eventJsonBytes: number;
};

// The Replaydesk runs' uploads, for the storage figure: the events as sent, by session.
export type CapturedSession = { sessionId: string; seconds: number; events: ReplayEvent[] };

type PerMinute = { scriptMs: Summary; threadMs: Summary; taskMs: Summary; heapMB: Summary; longestTaskMs: Summary; uploadedKB: Summary; eventJsonKB: Summary };
export type RecordingCostResult = {
  sessionSeconds: number;
  rounds: number;
  runs: RecordingRun[];
  perVariant: Record<Variant, PerMinute>;
  // Added main-thread script time per minute over the no-recorder run of the same round.
  addedScriptMsPerMin: { replaydesk: Summary; rrweb: Summary };
  addedThreadMsPerMin: { replaydesk: Summary; rrweb: Summary };
  // Per round: Replaydesk's added script time / rrweb's.
  ratio: Summary;
};

type TraceEvent = { name: string; ph: string; pid: number; tid: number; dur?: number; args?: { name?: string } };

// Tasks of every renderer main thread in the trace (the page under test is the only one working).
function taskDurations(trace: Buffer): number[] {
  const { traceEvents } = JSON.parse(trace.toString("utf8")) as { traceEvents: TraceEvent[] };
  const mains = new Set(traceEvents.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`));
  return traceEvents.filter((e) => e.ph === "X" && e.name === "ThreadControllerImpl::RunTask" && mains.has(`${e.pid}:${e.tid}`)).map((e) => (e.dur ?? 0) / 1000);
}

const FIELDS = ["#account-name", "#account-email", "#account-password", "#checkout-name", "#checkout-address", "#card-number"];
const TYPED = "Quick brown fox, 42 Elm Street";

// A person's pauses between moves: the session's content (what is recorded and measured), not a
// wait for something to happen.
const personPause = (page: Page, ms: number) => page.waitForTimeout(ms);

// A visitor browsing and filling in forms, paced like a person, until the deadline. Input goes
// through CDP (no script of ours runs in the page), so the page's script time is the page's.
async function scriptedSession(page: Page, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  const left = () => deadline - Date.now();
  const buttons = page.locator("button.add, button.more");
  const count = await buttons.count();
  for (let step = 0; left() > 0; step++) {
    switch (step % 6) {
      case 0:
        for (let i = 0; i < 12 && left() > 0; i++) {
          await page.mouse.move(80 + ((i * 97 + step * 31) % 1100), 100 + ((i * 53 + step * 17) % 650), { steps: 4 });
          await personPause(page, 40);
        }
        break;
      case 1:
        await buttons.nth((step * 7) % count).click({ timeout: Math.max(1000, left()) });
        break;
      case 2:
        for (let i = 0; i < 4 && left() > 0; i++) {
          await page.mouse.wheel(0, 300);
          await personPause(page, 120);
        }
        break;
      case 3:
        await page.locator(FIELDS[step % FIELDS.length]!).click({ timeout: Math.max(1000, left()) });
        await page.keyboard.type(TYPED.slice(0, 8 + (step % 20)), { delay: 35 });
        break;
      case 4:
        await page.mouse.wheel(0, -900);
        await personPause(page, 200);
        break;
      default:
        // Reading: the page's own timers keep mutating the DOM meanwhile.
        await personPause(page, Math.min(400, Math.max(0, left())));
    }
  }
}

type Scripts = { workload: string; rrweb: string; replaydesk: string };

async function runOnce(browser: Browser, appUrl: string, variant: Variant, round: number, seconds: number, scripts: Scripts): Promise<{ run: RecordingRun; capture: CapturedSession | null }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  // The bench's scripts are served from the page's own origin (its CSP allows 'self' only) and
  // added as the publisher would, after the page's own: the workload, then the variant's script.
  await page.route("**/__bench/*.js", (route) => {
    const name = new URL(route.request().url()).pathname.split("/").pop()!.replace(/\.js$/, "") as keyof Scripts;
    return route.fulfill({ contentType: "text/javascript", body: scripts[name] });
  });
  if (variant !== "replaydesk") await page.route("**/sdk/replaydesk.js*", (route) => route.abort());
  const extra = variant === "none" ? [] : [variant];
  await page.addInitScript((names: string[]) => {
    document.addEventListener("DOMContentLoaded", () => {
      for (const name of ["workload", ...names]) {
        const s = document.createElement("script");
        s.src = `/__bench/${name}.js`;
        s.async = false;
        document.head.append(s);
      }
    });
  }, extra);

  let uploadedBytes = 0;
  let uploads = 0;
  const pending = new Set<unknown>();
  const sent: IngestBatch[] = [];
  page.on("request", (req) => {
    if (!req.url().includes("/api/v1/ingest") || req.method() !== "POST") return;
    pending.add(req);
    const body = req.postDataBuffer();
    if (!body) return;
    uploadedBytes += body.length;
    uploads += 1;
  });
  const settle = (req: unknown) => pending.delete(req);
  page.on("requestfailed", settle);
  page.on("requestfinished", async (req) => {
    const body = req.postDataBuffer();
    const res = await req.response();
    if (body && res && res.status() < 300 && req.url().includes("/api/v1/ingest")) {
      sent.push(JSON.parse((body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body) : body).toString("utf8")) as IngestBatch);
    }
    settle(req);
  });

  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  await browser.startTracing(page, { categories: ["toplevel"] });
  await page.goto(`${appUrl}/demo/shop`, { waitUntil: "load" });
  // Recording has started: the trigger answered (Replaydesk) or the first events are in (rrweb).
  if (variant === "replaydesk") await page.waitForFunction(() => typeof (window as unknown as { benchSessionId?: unknown }).benchSessionId === "string", null, { timeout: 20_000 });
  if (variant === "rrweb") await page.waitForFunction(() => ((window as unknown as { benchRrwebEvents?: unknown[] }).benchRrwebEvents?.length ?? 0) >= 2, null, { timeout: 20_000 });
  const started = Date.now();
  await scriptedSession(page, seconds * 1000);
  const elapsed = (Date.now() - started) / 1000;
  // Uploads already in flight are part of the session; nothing new is started.
  await waitUntil(() => pending.size === 0, { what: "the uploads in flight answered", timeoutMs: 15_000 }).catch(() => undefined);

  await cdp.send("HeapProfiler.collectGarbage");
  const { metrics } = await cdp.send("Performance.getMetrics");
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  const tasks = taskDurations(await browser.stopTracing());
  const eventJsonBytes =
    variant === "rrweb"
      ? await page.evaluate(() => JSON.stringify((window as unknown as { benchRrwebEvents: unknown[] }).benchRrwebEvents).length)
      : sent.reduce((n, b) => n + JSON.stringify(b.events).length, 0);
  const sessionId = variant === "replaydesk" ? await page.evaluate(() => (window as unknown as { benchSessionId: string }).benchSessionId) : null;
  await context.close();

  const run: RecordingRun = {
    variant,
    round,
    seconds: elapsed,
    scriptMs: metric("ScriptDuration") * 1000,
    taskMs: metric("TaskDuration") * 1000,
    threadMs: metric("ThreadTime") * 1000,
    heapBytes: metric("JSHeapUsedSize"),
    longestTaskMs: Math.max(0, ...tasks),
    longTasks: tasks.filter((d) => d > 50).length,
    uploadedBytes,
    uploads,
    eventJsonBytes,
  };
  const capture = sessionId ? { sessionId, seconds: elapsed, events: sent.filter((b) => b.sessionId === sessionId).sort((a, b) => a.seq - b.seq).flatMap((b) => b.events) } : null;
  return { run, capture };
}

export async function measureRecordingCost(opts: { browser: Browser; appUrl: string; seconds: number; rounds: number; log: (line: string) => void }): Promise<{ result: RecordingCostResult; captures: CapturedSession[] }> {
  const scripts: Scripts = {
    workload: await browserBundle("bench/browser/workload.ts"),
    rrweb: await browserBundle("bench/browser/rrweb-default.ts"),
    replaydesk: await browserBundle("bench/browser/replaydesk-glue.ts"),
  };
  const runs: RecordingRun[] = [];
  const captures: CapturedSession[] = [];
  for (let round = 0; round < opts.rounds; round++) {
    for (const variant of VARIANTS) {
      const { run, capture } = await runOnce(opts.browser, opts.appUrl, variant, round, opts.seconds, scripts);
      opts.log(`recording cost: round ${round + 1}/${opts.rounds} ${variant}: script ${run.scriptMs.toFixed(0)} ms, thread ${run.threadMs.toFixed(0)} ms, ${run.uploads} uploads`);
      runs.push(run);
      if (capture) captures.push(capture);
    }
  }
  const perMin = (r: RecordingRun, v: number) => v / (r.seconds / 60);
  const of = (variant: Variant) => runs.filter((r) => r.variant === variant);
  const perVariant = Object.fromEntries(
    VARIANTS.map((v) => [
      v,
      {
        scriptMs: summarize(of(v).map((r) => perMin(r, r.scriptMs))),
        threadMs: summarize(of(v).map((r) => perMin(r, r.threadMs))),
        taskMs: summarize(of(v).map((r) => perMin(r, r.taskMs))),
        heapMB: summarize(of(v).map((r) => r.heapBytes / 1e6)),
        longestTaskMs: summarize(of(v).map((r) => r.longestTaskMs)),
        uploadedKB: summarize(of(v).map((r) => perMin(r, r.uploadedBytes) / 1024)),
        eventJsonKB: summarize(of(v).map((r) => perMin(r, r.eventJsonBytes) / 1024)),
      },
    ]),
  ) as Record<Variant, PerMinute>;
  // Paired by round: each recorder against the no-recorder run next to it.
  const added = (variant: Variant, field: "scriptMs" | "threadMs") =>
    Array.from({ length: opts.rounds }, (_, round) => {
      const base = runs.find((r) => r.round === round && r.variant === "none")!;
      const run = runs.find((r) => r.round === round && r.variant === variant)!;
      return perMin(run, run[field]) - perMin(base, base[field]);
    });
  const ours = added("replaydesk", "scriptMs");
  const theirs = added("rrweb", "scriptMs");
  return {
    result: {
      sessionSeconds: opts.seconds,
      rounds: opts.rounds,
      runs,
      perVariant,
      addedScriptMsPerMin: { replaydesk: summarize(ours), rrweb: summarize(theirs) },
      addedThreadMsPerMin: { replaydesk: summarize(added("replaydesk", "threadMs")), rrweb: summarize(added("rrweb", "threadMs")) },
      ratio: summarize(ours.map((o, i) => o / theirs[i]!)),
    },
    captures,
  };
}
