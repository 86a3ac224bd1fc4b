import { createHash } from "node:crypto";

// The name a deleted recording keeps: a hash of its site and SDK session id, nothing personal. The
// deletion receipt holds it (proof without data), ingest refuses an upload that matches one (no
// resurrection), and a viewer's ReplayView holds it to be told why the recording is gone.
export function recordingHash(siteId: string, sdkSessionId: string): string {
  return createHash("sha256").update(`replaydesk:recording:${siteId}:${sdkSessionId}`).digest("hex");
}
