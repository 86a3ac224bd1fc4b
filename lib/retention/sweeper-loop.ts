import "server-only";
import { env } from "@/lib/config/env";
import { describeFailure, sweeperName, sweepOnce, type SweepResult } from "@/lib/retention/sweep";

export type SweeperLoop = { stop(): Promise<void> };

// Counts and reasons only: the log never names a person, a recording or a session.
export function sweepLogLine(r: SweepResult): string {
  return `[replaydesk] sweeper ${r.result}: ${r.message}`;
}

// Runs sweepOnce now and then every intervalMs, one run at a time (the next starts when the
// previous one has finished and the interval has passed since it started). Nothing depends on
// the timer: due times live in the database, so a run missed while the process was down is
// caught up by the next one. keepAlive: false lets the process exit around the timer (the app),
// true keeps a worker process alive for it.
export function startSweeperLoop(opts: { worker: string; intervalMs: number; keepAlive: boolean; batchSize?: number; log?: (line: string) => void }): SweeperLoop {
  const log = opts.log ?? ((line: string) => console.log(line));
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();

  const tick = () => {
    const started = Date.now();
    current = sweepOnce({ worker: opts.worker, batchSize: opts.batchSize, signal: controller.signal })
      .then((r) => {
        // Quiet when there was nothing to do; every deletion, suspension or problem is logged.
        if (r.deleted > 0 || r.suspended > 0 || r.result !== "ok") log(sweepLogLine(r));
      })
      .catch((err: unknown) => log(`[replaydesk] sweeper failed: ${describeFailure(err)}; retrying next interval`))
      .finally(() => {
        if (controller.signal.aborted) return;
        timer = setTimeout(tick, Math.max(0, opts.intervalMs - (Date.now() - started)));
        if (!opts.keepAlive) timer.unref();
      });
  };
  tick();

  return {
    async stop() {
      controller.abort();
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}

const holder = globalThis as unknown as { replaydeskSweeper?: SweeperLoop };

// The in-app sweeper (instrumentation.ts): once per process, even if register() runs twice.
export function startAppSweeper(): void {
  if (holder.replaydeskSweeper) return;
  const config = env();
  if (config.REPLAYDESK_SWEEPER === "off") return;
  holder.replaydeskSweeper = startSweeperLoop({ worker: sweeperName("app"), intervalMs: config.SWEEPER_INTERVAL_SECONDS * 1000, keepAlive: false });
}
