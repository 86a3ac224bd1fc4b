import { describe, expect, it } from "vitest";
import { eventList } from "@/lib/reveal/event-list";
import type { ReplayEvent } from "@/lib/replay/masking";

// The list beside the replay, from the (masked) events alone.

const el = (id: number, tagName: string, childNodes: object[] = [], attributes: Record<string, string> = {}) => ({ type: 2, id, tagName, attributes, childNodes });
const text = (id: number, textContent: string) => ({ type: 3, id, textContent });
// A page: a form with a submit button "****** ***" (masked "Place order"), a plain button and a link.
const snapshot = (at: number): ReplayEvent => ({
  type: 2,
  timestamp: at,
  data: {
    node: { type: 0, id: 1, childNodes: [el(2, "html", [el(3, "body", [el(4, "form", [el(5, "button", [text(6, "***** *****")])]), el(7, "button", [text(8, "****")], { type: "button" }), el(9, "a", [el(10, "span", [text(11, "****")])])])])] },
    initialOffset: { left: 0, top: 0 },
  },
});
const click = (at: number, id: number, x = 100, y = 100): ReplayEvent => ({ type: 3, timestamp: at, data: { source: 2, type: 2, id, x, y } });
const mutation = (at: number): ReplayEvent => ({ type: 3, timestamp: at, data: { source: 0, adds: [], removes: [], texts: [], attributes: [{ id: 3, attributes: { class: "x" } }] } });
const move = (at: number): ReplayEvent => ({ type: 3, timestamp: at, data: { source: 1, positions: [] } });

describe("the list of events beside the replay", () => {
  it("lists page views, clicks with their masked text, errors and the first trigger only, in order", () => {
    const events: ReplayEvent[] = [
      { type: 4, timestamp: 1, data: { href: "https://shop.example/cart", width: 1, height: 1 } },
      snapshot(2),
      click(3, 9),
      mutation(200),
      { type: 3, timestamp: 210, data: { source: 2, type: 1, id: 9 } },
      { type: 5, timestamp: 300, data: { tag: "replaydesk:error", payload: { message: "**** *******" } } },
      { type: 5, timestamp: 400, data: { tag: "replaydesk:trigger", payload: {} } },
      { type: 5, timestamp: 500, data: { tag: "replaydesk:trigger", payload: {} } },
      move(5000),
    ];
    expect(eventList(events)).toEqual([
      { at: 1, kind: "page", detail: "https://shop.example/cart" },
      { at: 3, kind: "click", detail: "****" },
      { at: 300, kind: "error", detail: "**** *******" },
      { at: 400, kind: "trigger" },
    ]);
  });

  it("folds 3 clicks within 1 s and 30 px into one rage click; farther or slower ones stay clicks", () => {
    const rage = eventList([snapshot(0), click(1000, 7, 50, 50), click(1300, 7, 60, 55), click(1600, 7, 70, 40), click(1700, 7, 55, 50), mutation(1710), move(9000)]);
    expect(rage).toEqual([{ at: 1000, kind: "rage-click", count: 4, detail: "****" }]);
    const spread = eventList([snapshot(0), click(1000, 7, 0, 0), click(1300, 7, 200, 0), click(1600, 7, 400, 0), mutation(1610), move(9000)]);
    expect(spread.map((e) => e.kind)).toEqual(["click", "click", "click"]);
    const slow = eventList([snapshot(0), click(1000, 7), click(1800, 7), click(2600, 7), mutation(2610), move(9000)]);
    expect(slow.filter((e) => e.kind === "rage-click")).toEqual([]);
  });

  it("marks a click dead when nothing changed within 1 s, alive when the page answered, unknown at the end of the events", () => {
    const list = eventList([snapshot(0), click(1000, 7), mutation(1500), click(3000, 7), move(4500), click(6000, 7), move(6500)]);
    expect(list.map((e) => e.kind)).toEqual(["click", "dead-click", "click"]);
  });

  it("names a click on a form's submit button (or what it holds) a form submit", () => {
    const list = eventList([snapshot(0), click(1000, 6), move(5000)]);
    expect(list).toEqual([{ at: 1000, kind: "submit", detail: "***** *****" }]);
  });

  it("names elements added later, and falls back to nothing it cannot know", () => {
    const added = { type: 3, timestamp: 500, data: { source: 0, adds: [{ parentId: 3, node: el(20, "button", [text(21, "***")]) }], removes: [], texts: [], attributes: [] } } as ReplayEvent;
    expect(eventList([snapshot(0), added, click(1000, 20), mutation(1100), click(2000, 99), mutation(2100), move(9000)])).toEqual([
      { at: 1000, kind: "click", detail: "***" },
      { at: 2000, kind: "click" },
    ]);
  });
});
