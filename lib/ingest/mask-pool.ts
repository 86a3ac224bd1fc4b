import "server-only";
import os from "node:os";
import path from "node:path";
import type { Worker } from "node:worker_threads";
import { AppError } from "@/lib/errors";
import type { MaskedBatch, SiteMasking } from "@/lib/replay/mask-batch";
import type { MaskState, ReplayEvent } from "@/lib/replay/masking";

// Masking and scrubbing an upload (lib/replay/mask-batch.ts) is ingest's heavy step, and its input
// is whatever a holder of a public site key sends: one 8 MB snapshot is masked in one go, which
// would hold the single event loop of the app, and every other request with it, for as long as it
// takes (security review H4). So it runs in worker threads, each batch with a time budget: a worker
// over budget is ended and replaced, and the upload refused.

export type MaskJob = { id: number; site: SiteMasking; batch: { events: ReplayEvent[]; page: { url: string } }; saved?: MaskState };
export type MaskReply = { id: number; result: MaskedBatch | null };

// A core is left to the event loop (and the database).
const POOL_SIZE = Math.max(1, Math.min(4, os.availableParallelism() - 1));
export const MASK_JOB_TIMEOUT_MS = 10_000;
// Loaded by path at run time from the checkout (as npm start runs), never bundled: Next.js's
// bundler follows `new Worker(...)` from an imported worker_threads and would try to bundle the
// entry and tsx with it, so the module is taken from the runtime itself, which it does not follow.
const WORKER_ENTRY = path.join(process.cwd(), "lib", "ingest", "mask-worker.mjs");
const { Worker: ThreadWorker } = process.getBuiltinModule("node:worker_threads");

type Pending = { job: MaskJob; resolve: (r: MaskedBatch) => void; reject: (e: Error) => void };
type Slot = { worker: Worker; running: (Pending & { timer: NodeJS.Timeout }) | null };

const slots: Slot[] = [];
const waiting: Pending[] = [];
let nextId = 1;

function spawn(): Slot {
  // A heap limit: a batch that would need more is refused, not the app's memory exhausted.
  const slot: Slot = { worker: new ThreadWorker(WORKER_ENTRY, { resourceLimits: { maxOldGenerationSizeMb: 512 } }), running: null };
  // Idle workers do not keep a script (the CLI, a test run) alive.
  slot.worker.unref();
  slot.worker.on("message", (reply: MaskReply) => {
    const done = slot.running;
    if (!done || reply.id !== done.job.id) return;
    clearTimeout(done.timer);
    slot.running = null;
    if (reply.result) done.resolve(reply.result);
    else done.reject(new AppError("bad_request", "The upload's events could not be masked."));
    next(slot);
  });
  const failed = () => {
    if (slots.includes(slot)) replace(slot, new AppError("unavailable", "The upload could not be masked; try again."));
  };
  slot.worker.on("error", failed);
  slot.worker.on("exit", failed);
  return slot;
}

// Ends a worker (over budget, or failed) and refuses its batch; a fresh worker takes the batches
// still waiting (otherwise the next batch starts one).
function replace(slot: Slot, error: AppError): void {
  slots.splice(slots.indexOf(slot), 1);
  const failed = slot.running;
  slot.running = null;
  if (failed) {
    clearTimeout(failed.timer);
    failed.reject(error);
  }
  void slot.worker.terminate();
  if (waiting.length > 0) {
    const fresh = spawn();
    slots.push(fresh);
    next(fresh);
  }
}

function run(slot: Slot, pending: Pending): void {
  const timer = setTimeout(
    () => replace(slot, new AppError("payload_too_large", `The upload took more than ${MASK_JOB_TIMEOUT_MS / 1000} seconds to mask; send smaller batches.`)),
    MASK_JOB_TIMEOUT_MS,
  );
  slot.running = { ...pending, timer };
  slot.worker.ref();
  try {
    slot.worker.postMessage(pending.job);
  } catch {
    // The events cannot be copied to the thread (nested deeper than its stack allows): refused.
    clearTimeout(timer);
    slot.running = null;
    pending.reject(new AppError("bad_request", "The upload's events are nested too deeply."));
    next(slot);
  }
}

function next(slot: Slot): void {
  const pending = waiting.shift();
  if (pending) run(slot, pending);
  else slot.worker.unref();
}

// maskBatch, on a worker thread.
export function maskBatchOffThread(site: SiteMasking, batch: { events: ReplayEvent[]; page: { url: string } }, saved?: MaskState): Promise<MaskedBatch> {
  while (slots.length < POOL_SIZE) slots.push(spawn());
  return new Promise((resolve, reject) => {
    const pending: Pending = { job: { id: nextId++, site, batch: { events: batch.events, page: batch.page }, saved }, resolve, reject };
    const idle = slots.find((s) => s.running === null);
    if (idle) run(idle, pending);
    else waiting.push(pending);
  });
}
