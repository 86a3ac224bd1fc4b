// Figure 5: how fast an agent sees an approved replay. Recordings of 1, 10 and 30 minutes are
// generated (bench/lib/rrweb-session.ts) and uploaded through the real ingest endpoint, linked to
// a ticket by the SDK's ticket endpoint, and approved through the real reveal flow (the agent's
// request, the customer's approval link from the email). Then, in Chromium, signed in as the
// agent: open the ticket page, click "Watch the replay", and time (in the page's own clock) the
// first rendered frame (the player's iframe has content) and the full load (no "Loading the rest"
// status any more).
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import type { ReplayEvent } from "@/lib/replay/protocol";
import { approveReplay, signIn, uploadRecording } from "../lib/app-client";
import { generateSession, newSessionId } from "../lib/rrweb-session";
import { summarize, type Summary } from "../lib/stats";

// fullLoadMs: first frame shown and every event loaded. eventsLoadedMs: the viewer's loading
// status gone, frame or not. rendered < runs: some openings showed no frame at all.
export type Timings = { runs: number; rendered: number; firstFrameMs: Summary; fullLoadMs: Summary; eventsLoadedMs: Summary };
export type ReplayStartRow = { minutes: number; chunks: number; cold: Timings; warm: Timings };
export type ReplayStartResult = { runs: number; rows: ReplayStartRow[] };
// A generated recording as uploaded, for the storage figure.
export type UploadedRecording = { minutes: number; sessionId: string; batches: ReplayEvent[][] };

// Installed in the ticket page before the click: the click's time, then every animation frame
// checks for the first frame and for the end of loading, until both happened or loading ended
// NO_FRAME_MS ago without a frame. A string, so that it reaches the page exactly as written (the
// TypeScript loader would wrap named functions in a helper of its own).
const NO_FRAME_MS = 5_000;
const INSTALL_PROBE = `(() => {
  const probe = (window.benchProbe = { t0: 0, first: 0, loaded: 0, done: false });
  document.addEventListener("click", () => (probe.t0 ||= performance.now()), { capture: true, once: true });
  const check = () => {
    const viewer = document.querySelector('[data-testid="replay-viewer"]');
    const body = viewer?.querySelector("iframe")?.contentDocument?.body;
    const now = performance.now();
    if (!probe.first && body && body.childElementCount > 0) probe.first = now;
    if (!probe.loaded && viewer && !/Loading the (rest|recording)/.test(viewer.textContent ?? "")) probe.loaded = now;
    probe.done = Boolean(probe.loaded && (probe.first || now - probe.loaded > ${NO_FRAME_MS}));
    if (!probe.done) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})()`;

type Probe = { t0: number; first: number; loaded: number; done: boolean };

// Opens the ticket page, clicks "Watch the replay" and waits for the probe's verdict.
async function openReplay(page: Page, ticketUrl: string): Promise<Probe> {
  await page.goto(ticketUrl);
  const watch = page.getByRole("button", { name: "Watch the replay" });
  await watch.waitFor({ timeout: 30_000 });
  await page.evaluate(INSTALL_PROBE);
  await watch.click();
  const done = await page.waitForFunction(() => {
    const p = (window as unknown as { benchProbe: Probe }).benchProbe;
    return p.done ? p : null;
  }, null, { timeout: 180_000, polling: 100 });
  return (await done.jsonValue()) as Probe;
}

// No frame: a failed opening (NaN is left out of the summaries; `rendered` counts the others).
function timings(probes: Probe[]): Timings {
  return {
    runs: probes.length,
    rendered: probes.filter((p) => p.first > 0).length,
    firstFrameMs: summarize(probes.map((p) => (p.first ? p.first - p.t0 : Number.NaN))),
    fullLoadMs: summarize(probes.map((p) => (p.first ? Math.max(p.first, p.loaded) - p.t0 : Number.NaN))),
    eventsLoadedMs: summarize(probes.map((p) => p.loaded - p.t0)),
  };
}

export async function measureReplayStart(opts: { browser: Browser; appUrl: string; dataDir: string; siteKey: string; minutes: number[]; runs: number; log: (line: string) => void }): Promise<{ result: ReplayStartResult; uploaded: UploadedRecording[] }> {
  const context = await opts.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await signIn(context.request, opts.appUrl, opts.dataDir, "agent@demo.test");
  const uploaded: UploadedRecording[] = [];
  const rows: ReplayStartRow[] = [];
  for (const [i, minutes] of opts.minutes.entries()) {
    const sessionId = newSessionId();
    const batches = generateSession({ seed: 7000 + minutes, minutes, endTs: Date.now(), url: `${new URL(opts.appUrl).origin}/demo/shop` });
    const customerEmail = `bench-${randomBytes(4).toString("hex")}@example.test`;
    const { ticketId } = await uploadRecording({ appUrl: opts.appUrl, siteKey: opts.siteKey, sessionId, batches, clientAddress: `127.3.0.${i + 1}`, email: customerEmail });
    await approveReplay(context.request, { appUrl: opts.appUrl, dataDir: opts.dataDir, ticketId, customerEmail });
    uploaded.push({ minutes, sessionId, batches });

    const cold: Probe[] = [];
    const warm: Probe[] = [];
    for (let run = 0; run < opts.runs; run++) {
      // A fresh context each run (signed in, empty cache): the agent's first opening of a replay
      // loads the player's code too; the second opening, in the same context, has it cached.
      const viewing = await opts.browser.newContext({ viewport: { width: 1280, height: 900 }, storageState: await context.storageState() });
      const page = await viewing.newPage();
      cold.push(await openReplay(page, `${opts.appUrl}/desk/tickets/${ticketId}`));
      warm.push(await openReplay(page, `${opts.appUrl}/desk/tickets/${ticketId}`));
      await viewing.close();
    }
    const row: ReplayStartRow = { minutes, chunks: batches.length, cold: timings(cold), warm: timings(warm) };
    rows.push(row);
    const say = (t: Timings) => `rendered ${t.rendered}/${t.runs}, first frame ${t.firstFrameMs.median.toFixed(0)} ms, full ${t.fullLoadMs.median.toFixed(0)} ms`;
    opts.log(`replay start: ${minutes} min (${row.chunks} chunks): first opening ${say(row.cold)}; again ${say(row.warm)}`);
  }
  await context.close();
  return { result: { runs: opts.runs, rows }, uploaded };
}
