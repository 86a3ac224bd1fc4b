// A recording's events as a short list a person can read beside the replay: page views, clicks
// (with the clicked element's text, masked as on the page), rage clicks, dead clicks, form
// submits, JavaScript errors and the trigger. Derived from the events served (masked for the
// customer), so it holds nothing the replay does not; the viewer words each kind in the reader's
// language. Pure.
import { ERROR_EVENT_TAG, TRIGGER_EVENT_TAG, type ReplayEvent } from "@/lib/replay/masking";
import { EVENT_CUSTOM, EVENT_FULL_SNAPSHOT, EVENT_INCREMENTAL, EVENT_META, INTERACTION_CLICK, NODE_ELEMENT, NODE_TEXT, SOURCE_INPUT, SOURCE_MOUSE_INTERACTION, SOURCE_MUTATION } from "@/lib/replay/rrweb-codes";

export const LISTED_KINDS = ["page", "click", "rage-click", "dead-click", "submit", "error", "trigger"] as const;
export type ListedKind = (typeof LISTED_KINDS)[number];
// detail: the page's address, the clicked element's text, or the error's message (as served);
// count: the clicks a rage click folds together.
export type ListedEvent = { at: number; kind: ListedKind; detail?: string; count?: number };

// Rage clicks: 3 or more within 1 s and 30 px of the first. Dead clicks: nothing changed on the
// page (DOM, input, navigation) within 1 s.
export const RAGE_CLICKS = 3;
export const RAGE_WINDOW_MS = 1000;
export const RAGE_RADIUS_PX = 30;
export const DEAD_CLICK_MS = 1000;

const MAX_DETAIL = 200;
const MAX_LABEL = 60;
const cut = (s: string, max = MAX_DETAIL) => (s.length > max ? `${s.slice(0, max)}…` : s);

type SerializedNode = { id?: number; type?: number; tagName?: string; attributes?: Record<string, unknown>; textContent?: string; childNodes?: SerializedNode[] };
type IndexedNode = { tag?: string; type?: string; text?: string; parent?: number; children: number[] };

// Enough of the page's tree to name what was clicked: tags, text (already masked) and parents,
// from full snapshots and added nodes of this stretch of events.
class NodeIndex {
  private readonly nodes = new Map<number, IndexedNode>();

  reset(): void {
    this.nodes.clear();
  }

  add(node: SerializedNode, parent?: number): void {
    if (typeof node.id !== "number") return;
    const entry: IndexedNode = { parent, children: [] };
    if (node.type === NODE_ELEMENT && typeof node.tagName === "string") {
      entry.tag = node.tagName.toLowerCase();
      const type = node.attributes?.type;
      if (typeof type === "string") entry.type = type.toLowerCase();
    } else if (node.type === NODE_TEXT && typeof node.textContent === "string") {
      entry.text = node.textContent;
    }
    this.nodes.set(node.id, entry);
    if (parent !== undefined) this.nodes.get(parent)?.children.push(node.id);
    for (const child of node.childNodes ?? []) this.add(child, node.id);
  }

  setText(id: number, value: unknown): void {
    const node = this.nodes.get(id);
    if (node && typeof value === "string") node.text = value;
  }

  private textOf(id: number, depth = 0): string {
    const node = this.nodes.get(id);
    if (!node || depth > 6) return "";
    if (node.text !== undefined) return node.text;
    return node.children.map((c) => this.textOf(c, depth + 1)).join(" ");
  }

  label(id: number): string | undefined {
    const node = this.nodes.get(id);
    if (!node) return undefined;
    const text = this.textOf(id).replace(/\s+/g, " ").trim();
    return text ? cut(text, MAX_LABEL) : node.tag;
  }

  // A click that submits a form: on a submit button, or on what such a button holds.
  submits(id: number): boolean {
    let current: number | undefined = id;
    for (let hops = 0; current !== undefined && hops < 4; hops++) {
      const node = this.nodes.get(current);
      if (!node) return false;
      if ((node.tag === "button" && (node.type ?? "submit") === "submit") || (node.tag === "input" && node.type === "submit")) return this.insideForm(current);
      current = node.parent;
    }
    return false;
  }

  private insideForm(id: number): boolean {
    let current = this.nodes.get(id)?.parent;
    for (let hops = 0; current !== undefined && hops < 30; hops++) {
      const node = this.nodes.get(current);
      if (node?.tag === "form") return true;
      current = node?.parent;
    }
    return false;
  }
}

type Click = { at: number; id: number; x: number; y: number };
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

// What the page did in answer to a click: a DOM change, an input, a navigation.
function isPageResponse(e: ReplayEvent): boolean {
  if (e.type === EVENT_META || e.type === EVENT_FULL_SNAPSHOT) return true;
  const source = (e.data as { source?: unknown } | null)?.source;
  return e.type === EVENT_INCREMENTAL && (source === SOURCE_MUTATION || source === SOURCE_INPUT);
}

// Whether a page response (times sorted) came after `at` and within `ms` of it: a binary
// search, so a page with many clicks and mutations costs no clicks × mutations scan.
function answeredWithin(responses: readonly number[], at: number, ms: number): boolean {
  let lo = 0;
  let hi = responses.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (responses[mid]! <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo < responses.length && responses[lo]! <= at + ms;
}

export function eventList(events: readonly ReplayEvent[]): ListedEvent[] {
  const out: ListedEvent[] = [];
  const index = new NodeIndex();
  const clicks: Array<Click & { label?: string; submit: boolean }> = [];
  const responses: number[] = [];
  let triggered = false;
  for (const e of events) {
    const data = (e.data ?? {}) as Record<string, unknown>;
    if (isPageResponse(e)) responses.push(e.timestamp);
    if (e.type === EVENT_META) {
      out.push({ at: e.timestamp, kind: "page", ...(typeof data.href === "string" && data.href ? { detail: cut(data.href) } : {}) });
    } else if (e.type === EVENT_FULL_SNAPSHOT) {
      index.reset();
      if (data.node) index.add(data.node as SerializedNode);
    } else if (e.type === EVENT_INCREMENTAL && data.source === SOURCE_MUTATION) {
      for (const add of (data.adds as Array<{ parentId?: number; node?: SerializedNode }> | undefined) ?? []) if (add.node) index.add(add.node, add.parentId);
      for (const text of (data.texts as Array<{ id?: number; value?: unknown }> | undefined) ?? []) if (typeof text.id === "number") index.setText(text.id, text.value);
    } else if (e.type === EVENT_INCREMENTAL && data.source === SOURCE_MOUSE_INTERACTION && data.type === INTERACTION_CLICK) {
      const id = num(data.id) ?? -1;
      clicks.push({ at: e.timestamp, id, x: num(data.x) ?? 0, y: num(data.y) ?? 0, label: index.label(id), submit: index.submits(id) });
    } else if (e.type === EVENT_CUSTOM && data.tag === ERROR_EVENT_TAG) {
      const message = (data.payload as { message?: unknown } | undefined)?.message;
      out.push({ at: e.timestamp, kind: "error", ...(typeof message === "string" && message ? { detail: cut(message) } : {}) });
    } else if (e.type === EVENT_CUSTOM && data.tag === TRIGGER_EVENT_TAG && !triggered) {
      // The first trigger is the moment help was asked for; later ones only re-send.
      triggered = true;
      out.push({ at: e.timestamp, kind: "trigger" });
    }
  }
  // Device clocks may step back: sorted once, for answeredWithin's search.
  responses.sort((a, b) => a - b);
  const lastAt = events.at(-1)?.timestamp ?? 0;
  for (let i = 0; i < clicks.length; i++) {
    const first = clicks[i]!;
    let j = i + 1;
    while (j < clicks.length && clicks[j]!.at - first.at <= RAGE_WINDOW_MS && Math.hypot(clicks[j]!.x - first.x, clicks[j]!.y - first.y) <= RAGE_RADIUS_PX) j++;
    const label = first.label ? { detail: first.label } : {};
    if (j - i >= RAGE_CLICKS) {
      out.push({ at: first.at, kind: "rage-click", count: j - i, ...label });
      i = j - 1;
      continue;
    }
    // Dead only when the whole second after it is in these events and nothing answered.
    const answered = answeredWithin(responses, first.at, DEAD_CLICK_MS);
    const dead = !answered && !first.submit && lastAt >= first.at + DEAD_CLICK_MS;
    out.push({ at: first.at, kind: first.submit ? "submit" : dead ? "dead-click" : "click", ...label });
  }
  return out.sort((a, b) => a.at - b.at);
}
