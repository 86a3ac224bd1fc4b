// A delivery process for the outbox's crash test (tests/integration/outbox-crash.test.ts), run with
// `tsx --conditions=react-server`: one pass of deliverDueJobs as `npm run worker -- --once` runs it,
// with a short lease so that the test's restart need not wait five minutes after a SIGKILL.
//   argv: <worker name> <lease ms>
import { deliverDueJobs } from "@/lib/jobs/deliver";

const [worker = "crash-test", leaseMs = "2000"] = process.argv.slice(2);
deliverDueJobs({ worker, leaseMs: Number(leaseMs) }).then(
  (counts) => {
    console.log(JSON.stringify(counts));
    process.exit(0);
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.name : "error");
    process.exit(1);
  },
);
