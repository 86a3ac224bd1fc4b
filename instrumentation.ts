// Next.js start-up hook: runs the retention sweeper inside the app, about every minute
// (SWEEPER_INTERVAL_SECONDS), so recordings are deleted on time with nothing else to deploy, and
// the outbox's delivery loop (lib/jobs), which sends the queued emails. REPLAYDESK_SWEEPER=off and
// REPLAYDESK_JOBS=off leave either to separate `npm run worker` processes.
export async function register(): Promise<void> {
  // Not in the Edge runtime (no database there), and not while `next build` loads the app.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  if (process.env.REPLAYDESK_SWEEPER !== "off") {
    try {
      const { startAppSweeper } = await import("@/lib/retention/sweeper-loop");
      startAppSweeper();
    } catch (err) {
      // A bad configuration is reported by the first request as well; the app keeps serving.
      console.error(`[replaydesk] the retention sweeper did not start: ${err instanceof Error ? err.message : "unknown error"}`);
    }
  }
  if (process.env.REPLAYDESK_JOBS !== "off") {
    try {
      const { startAppJobLoop } = await import("@/lib/jobs/job-loop");
      startAppJobLoop();
    } catch (err) {
      console.error(`[replaydesk] the outbox's delivery loop did not start: ${err instanceof Error ? err.message : "unknown error"}`);
    }
  }
}
