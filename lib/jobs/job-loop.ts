import "server-only";
import { env } from "@/lib/config/env";
import { describeFailure, sweeperName } from "@/lib/retention/sweep";
import { deliverDueJobs, type DeliveryCounts } from "@/lib/jobs/deliver";
import { onJobEnqueued } from "@/lib/jobs/wake";

// The outbox's poll: one indexed query (status, runAt) when nothing is due.
export const JOB_POLL_MS = 1000;

export type JobLoop = { stop(): Promise<void> };

// Counts only: the log never names a recipient.
export function deliveryLogLine(worker: string, c: DeliveryCounts): string {
  return `[replaydesk] outbox ${worker}: sent ${c.sent}, skipped ${c.skipped}, retrying ${c.retry}, dead ${c.dead}`;
}

// Delivers due jobs now, then every pollMs, and at once when this process enqueues one. One pass
// at a time; stop() lets the send in progress finish. keepAlive: false lets the app's process exit
// around the timer, true keeps a worker process alive for it.
export function startJobLoop(opts: { worker: string; pollMs?: number; keepAlive: boolean; leaseMs?: number; log?: (line: string) => void }): JobLoop {
  const log = opts.log ?? ((line: string) => console.log(line));
  const pollMs = opts.pollMs ?? JOB_POLL_MS;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let again = false;

  const pass = () => {
    if (controller.signal.aborted) return;
    if (running) {
      again = true;
      return;
    }
    if (timer) clearTimeout(timer);
    running = deliverDueJobs({ worker: opts.worker, leaseMs: opts.leaseMs, signal: controller.signal })
      .then((c) => {
        if (c.sent + c.skipped + c.retry + c.dead > 0) log(deliveryLogLine(opts.worker, c));
      })
      .catch((err: unknown) => log(`[replaydesk] outbox ${opts.worker} failed: ${describeFailure(err)}; retrying`))
      .finally(() => {
        running = null;
        if (controller.signal.aborted) return;
        if (again) {
          again = false;
          pass();
          return;
        }
        timer = setTimeout(pass, pollMs);
        if (!opts.keepAlive) timer.unref();
      });
  };
  const unsubscribe = onJobEnqueued(pass);
  pass();

  return {
    async stop() {
      controller.abort();
      unsubscribe();
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

const holder = globalThis as unknown as { replaydeskJobLoop?: JobLoop };

// The in-app delivery loop (instrumentation.ts): once per process, unless REPLAYDESK_JOBS=off
// leaves delivery to `npm run worker` processes.
export function startAppJobLoop(): void {
  if (holder.replaydeskJobLoop || env().REPLAYDESK_JOBS === "off") return;
  holder.replaydeskJobLoop = startJobLoop({ worker: sweeperName("app"), keepAlive: false });
}
