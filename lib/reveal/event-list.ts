// A recording's events as a short list a person can read beside the replay: page views, clicks,
// JavaScript errors and the trigger. Which events count is the replay timeline's own rule
// (lib/replay/markers.ts); this adds the words. Derived from the events served (masked for the
// customer), so it holds nothing the replay does not. Pure.
import { timelineMarkers, type MARKER_COLORS } from "@/lib/replay/markers";
import type { ReplayEvent } from "@/lib/replay/masking";

export type ListedEvent = { at: number; kind: keyof typeof MARKER_COLORS; label: string };

const MAX_LABEL = 200;
const cut = (s: string) => (s.length > MAX_LABEL ? `${s.slice(0, MAX_LABEL)}…` : s);

function label(kind: ListedEvent["kind"], e: ReplayEvent): string {
  const d = (e.data ?? {}) as { href?: unknown; payload?: { message?: unknown } };
  if (kind === "page") return typeof d.href === "string" && d.href ? cut(d.href) : "Page";
  if (kind === "error") return cut(typeof d.payload?.message === "string" ? `JavaScript error: ${d.payload.message}` : "JavaScript error");
  return kind === "click" ? "Click" : "Help requested (the recording was sent)";
}

export function eventList(events: readonly ReplayEvent[]): ListedEvent[] {
  const out: ListedEvent[] = [];
  for (const e of events) {
    const [marker] = timelineMarkers([e]);
    if (!marker) continue;
    const kind = (marker.data as { tag: ListedEvent["kind"] }).tag;
    out.push({ at: e.timestamp, kind, label: label(kind, e) });
  }
  return out;
}
