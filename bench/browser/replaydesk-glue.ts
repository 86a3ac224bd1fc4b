// The Replaydesk variant of the recording-cost figure: the publisher's glue after the visitor
// consented (as the demo shop's banner does), plus a manual trigger at once, so that the whole
// session is uploaded (buffer, masking, compression and upload all included in the cost).
type Replaydesk = { setConsent(granted: boolean): void; trigger(reason?: string): Promise<{ sessionId: string | null }> };
const page = window as unknown as { Replaydesk?: Replaydesk; benchSessionId?: string | null };

function withReplaydesk(fn: (rd: Replaydesk) => void): void {
  if (page.Replaydesk) return fn(page.Replaydesk);
  window.addEventListener("replaydesk:ready", () => fn(page.Replaydesk!), { once: true });
}

withReplaydesk((rd) => {
  rd.setConsent(true);
  void rd.trigger("bench").then((r) => (page.benchSessionId = r.sessionId));
});
