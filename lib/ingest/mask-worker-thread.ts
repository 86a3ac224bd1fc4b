// A masking worker thread: masks and scrubs the batches lib/ingest/mask-pool.ts hands it, one at a
// time, and answers with the stored JSON text (one string: cheap to hand back).
import { parentPort } from "node:worker_threads";
import { maskBatch } from "../replay/mask-batch";
import type { MaskJob, MaskReply } from "./mask-pool";

parentPort?.on("message", (job: MaskJob) => {
  maskBatch(job.site, job.batch, job.saved).then(
    (result): void => parentPort?.postMessage({ id: job.id, result } satisfies MaskReply),
    (): void => parentPort?.postMessage({ id: job.id, result: null } satisfies MaskReply),
  );
});
