// Entry of the masking worker threads (lib/ingest/mask-pool.ts). Plain JavaScript loaded by path at
// run time, never bundled: it compiles the TypeScript thread code with tsx (a runtime dependency,
// as for npm start), so the same file serves the Next.js server, the tests and the scripts.
import { tsImport } from "tsx/esm/api";

await tsImport("./mask-worker-thread.ts", import.meta.url);
