import { ERROR_EVENT_TAG, TRIGGER_EVENT_TAG, type ReplayEvent } from "@/lib/replay/masking";
import { EVENT_CUSTOM, EVENT_INCREMENTAL, EVENT_META, INTERACTION_CLICK, SOURCE_MOUSE_INTERACTION } from "@/lib/replay/rrweb-codes";

// Timeline markers for the replay viewer: custom events that rrweb-player draws on its progress
// bar in the tag's colour. Derived from the events themselves, so nothing extra is stored.
// Dark enough to read as text on white (WCAG AA, 4.5:1): the event list and legend use them too.
export const MARKER_COLORS = { click: "#067647", page: "#1f4fd1", error: "#b42318", trigger: "#b54708" };


const marker = (tag: keyof typeof MARKER_COLORS, timestamp: number): ReplayEvent => ({ type: EVENT_CUSTOM, timestamp, data: { tag, payload: {} } });

export function timelineMarkers(events: ReplayEvent[]): ReplayEvent[] {
  const out: ReplayEvent[] = [];
  for (const e of events) {
    const data = e.data as { source?: number; type?: number; tag?: string } | null;
    if (e.type === EVENT_META) out.push(marker("page", e.timestamp));
    else if (e.type === EVENT_INCREMENTAL && data?.source === SOURCE_MOUSE_INTERACTION && data.type === INTERACTION_CLICK) out.push(marker("click", e.timestamp));
    else if (e.type === EVENT_CUSTOM && data?.tag === ERROR_EVENT_TAG) out.push(marker("error", e.timestamp));
    else if (e.type === EVENT_CUSTOM && data?.tag === TRIGGER_EVENT_TAG) out.push(marker("trigger", e.timestamp));
  }
  return out;
}
