"use client";
import { useResendJob } from "@/lib/ui/admin";

// Queues the job again now, attempts reset; the page re-renders with its new state.
export function ResendButton({ jobId, what }: { jobId: string; what: string }) {
  const resend = useResendJob(jobId);
  return (
    <div className="row">
      <button type="button" className="secondary" onClick={() => resend.mutate(undefined)} disabled={resend.isPending} aria-label={`Send again: ${what}`}>
        {resend.isPending ? "Queuing…" : "Send again"}
      </button>
      {resend.error && <span className="error" role="alert">{resend.error.message}</span>}
    </div>
  );
}
