import { describe, expect, it } from "vitest";
import { safeCss, safeForReplay } from "@/lib/replay/replay-safety";
import type { ReplayEvent } from "@/lib/replay/masking";

const EVIL = "http://evil.example";

function snapshot(node: Record<string, unknown>): ReplayEvent {
  return { type: 2, timestamp: 1, data: { node: { type: 0, id: 1, childNodes: [node] }, initialOffset: { top: 0, left: 0 } } };
}
const el = (tagName: string, attributes: Record<string, unknown>, childNodes: unknown[] = [], id = 2) => ({ type: 2, id, tagName, attributes, childNodes });

describe("safeCss", () => {
  it("keeps CSS that loads nothing byte for byte, fragments and inline data: URLs included", () => {
    for (const css of ["body{color:red}", "a{clip-path:url(#c)}", 'p{background:url("data:image/png;base64,AAAA")}', "C:\\Users\\x (escaped)", "content:'\\201C'"]) expect(safeCss(css)).toBe(css);
  });

  it("neutralizes url(), @import, image-set() and src() pointing elsewhere, however written", () => {
    const cases = [
      `body{background:url(${EVIL}/a)}`,
      `body{background:URL( '${EVIL}/a' )}`,
      `@import "${EVIL}/x.css";`,
      `@IMPORT url(${EVIL}/x.css);`,
      `div{background-image:image-set("${EVIL}/a.png" 1x)}`,
      `div{background-image:-webkit-image-set(url(${EVIL}/b.png) 1x)}`,
      `@font-face{src:url(//evil.example/f.woff)}`,
      `div{background:\\75 rl(${EVIL}/escaped)}`,
      `div{background:u\\72l(${EVIL}/escaped2)}`,
      `div{background:url("\\68ttp://evil.example/escaped3")}`,
      `@\\69mport "${EVIL}/escaped.css";`,
      `div{background:url(${EVIL}/unterminated`,
      `div{cursor:url(/relative.cur),auto}`,
    ];
    for (const css of cases) {
      const out = safeCss(css);
      expect(out, css).not.toMatch(/url\(\s*['"]?(?!#|data:)[^)'"\s]/i);
      expect(out, css).not.toMatch(/@import|(^|[^-\w])(-webkit-)?image-set\(/i);
      expect(out, css).not.toContain("\\");
      expect(out, css).not.toMatch(/evil\.example\/(a|b|f|escaped)\b[^"]*\)/);
    }
    expect(safeCss(`a{background:url(${EVIL}/a) no-repeat}`)).toBe("a{background:none no-repeat}");
  });
});

describe("safeForReplay", () => {
  it("takes out handlers, script text, srcdoc, http-equiv, <base> targets and resource URLs", () => {
    const tree = el("html", {}, [
      el("head", {}, [
        el("base", { href: `${EVIL}/` }, [], 3),
        el("meta", { "http-equiv": "refresh", content: `0;url=${EVIL}` }, [], 4),
        el("link", { rel: "prefetch", href: `${EVIL}/p` }, [], 5),
        el("link", { rel: "stylesheet", href: `${EVIL}/s.css`, _cssText: `b{background:url(${EVIL}/c)}` }, [], 6),
        el("script", { src: `${EVIL}/s.js` }, [{ type: 3, id: 8, textContent: "alert(1)" }], 7),
        el("style", {}, [{ type: 3, id: 10, textContent: `@import url(${EVIL}/i.css);`, isStyle: true }], 9),
      ], 11),
      el("body", { onload: "alert(1)", ONCLICK: "alert(2)" }, [
        el("a", { href: `${EVIL}/page`, ping: `${EVIL}/ping` }, [], 12),
        el("a", { href: "javascript:alert(1)" }, [], 13),
        el("iframe", { srcdoc: "<script>alert(1)</script>", src: `${EVIL}/f` }, [], 14),
        el("img", { src: `${EVIL}/i`, srcset: `${EVIL}/i 2x`, style: `background:url(${EVIL}/s)` }, [], 15),
        el("img", { src: "data:image/png;base64,AAAA" }, [], 16),
        el("svg", {}, [el("use", { href: "#icon" }, [], 18), el("use", { "xlink:href": `${EVIL}/u.svg#a` }, [], 19), el("animate", { attributeName: "href", to: "javascript:alert(1)", values: `${EVIL}` }, [], 20)], 17),
        el("form", { action: `${EVIL}/f` }, [el("button", { formaction: `${EVIL}/g` }, [], 22)], 21),
      ], 23),
    ], 24);
    const input = [snapshot(tree)];
    const before = JSON.stringify(input);
    const out = JSON.stringify(safeForReplay(input));
    expect(JSON.stringify(input), "the input is not changed").toBe(before);
    expect(out).not.toMatch(/onload|onclick|alert|srcdoc|http-equiv|javascript:|ping|srcset|formaction|"action"/i);
    // The only evil.example URL left is the link's target (not fetched: the frame takes no clicks).
    expect(out.match(/evil\.example[^"]*/g)).toEqual(["evil.example/page"]);
    expect(out).toContain('"href":"#icon"');
    expect(out).toContain("data:image/png;base64,AAAA");
  });

  it("cleans what incremental events add or change, and nothing else", () => {
    const events: ReplayEvent[] = [
      {
        type: 3,
        timestamp: 2,
        data: {
          source: 0,
          adds: [{ parentId: 2, nextId: null, node: el("script", { src: `${EVIL}/x.js` }, [{ type: 3, id: 31, textContent: "alert(1)" }], 30) }],
          attributes: [{ id: 2, attributes: { onclick: "alert(1)", style: { background: `url(${EVIL}/m)`, color: "red" }, href: `${EVIL}/h`, class: "x", title: null } }],
          texts: [{ id: 10, value: `div{background:url(${EVIL}/t)}` }, { id: 11, value: "plain (text)" }],
          removes: [],
        },
      },
      { type: 3, timestamp: 3, data: { source: 8, id: 9, adds: [{ rule: `p{background:url(${EVIL}/r)}`, index: 0 }], replaceSync: `@import "${EVIL}/y.css";` } },
      { type: 3, timestamp: 4, data: { source: 13, id: 9, index: [0], set: { property: "background", value: `url(${EVIL}/d)` } } },
      { type: 3, timestamp: 5, data: { source: 15, id: 9, styleIds: [1], styles: [{ styleId: 1, rules: [{ rule: `p{background:url(${EVIL}/a)}` }] }] } },
      { type: 3, timestamp: 6, data: { source: 1, positions: [{ x: 1, y: 2, id: 2, timeOffset: 0 }] } },
      { type: 4, timestamp: 0, data: { href: `${EVIL}/page`, width: 1, height: 1 } },
    ];
    const out = safeForReplay(events);
    const text = JSON.stringify(out.slice(0, 4));
    expect(text).not.toMatch(/alert|onclick|x\.js|evil\.example\/(m|h|t|r|y|d|a)\b/);
    expect(text).toContain('"class":"x"');
    expect(text).toContain('"title":null');
    expect(text).toContain('"color":"red"');
    expect(text).toContain('"value":"plain (text)"');
    expect(out.slice(4)).toEqual(events.slice(4));
  });

  // Security review L1: rrweb's own fetch sinks, in both streams (the vault one is never re-masked).
  it("treats every rr_* URL attribute as a resource: only inline data:image/ stays", () => {
    const tree = el("body", {}, [
      el("canvas", { rr_dataURL: `${EVIL}/v-canvas-rr_dataURL.png` }, [], 3),
      el("img", { rr_dataURL: "/api/v1/health?v-img-rr_dataURL-self" }, [], 4),
      el("img", { rr_dataURL: "data:image/png;base64,AAAA" }, [], 5),
      el("iframe", { rr_src: `${EVIL}/frame` }, [], 6),
      el("video", { rr_mediaSrc: `${EVIL}/m.mp4`, rr_mediaState: "played", rr_width: "10px" }, [], 7),
    ]);
    const out = JSON.stringify(safeForReplay([snapshot(tree), { type: 3, timestamp: 2, data: { source: 0, adds: [], removes: [], texts: [], attributes: [{ id: 3, attributes: { rr_dataURL: `${EVIL}/later.png` } }] } }]));
    expect(out).not.toMatch(/evil\.example|api\/v1\/health/);
    expect(out).toContain("data:image/png;base64,AAAA");
    expect(out).toContain('"rr_mediaState":"played"');
    expect(out).toContain('"rr_width":"10px"');
  });

  it("keeps only the incremental sources it knows: fonts, canvas drawing, logs and anything newer go", () => {
    const inc = (data: Record<string, unknown>): ReplayEvent => ({ type: 3, timestamp: 1, data });
    const events = [
      inc({ source: 10, family: "x", fontSource: `url(${EVIL}/v-font.woff)`, buffer: false }),
      inc({ source: 9, id: 3, type: 0, commands: [{ property: "drawImage", args: [{ rr_type: "HTMLImageElement", src: `${EVIL}/c.png` }] }] }),
      inc({ source: 11, level: "log", payload: ["x"] }),
      inc({ source: 42, src: `${EVIL}/new` }),
      inc({ source: 3, id: 1, x: 0, y: 5 }),
      { type: 7, timestamp: 1, data: { url: `${EVIL}/asset.png` } },
    ];
    expect(safeForReplay(events)).toEqual([inc({ source: 3, id: 1, x: 0, y: 5 })]);
  });

  it("applies the element rules to attribute mutations, knowing each node's tag from earlier events", () => {
    const spinner = el("animateTransform", { attributeName: "transform", values: "0 12 12;360 12 12" }, [], 6);
    const tree = el("svg", {}, [el("set", { attributeName: "href", to: "#ok" }, [], 3), el("a", { href: "#top" }, [], 4), spinner]);
    const events: ReplayEvent[] = [
      snapshot(tree),
      { type: 3, timestamp: 2, data: { source: 0, adds: [{ parentId: 2, nextId: null, node: el("base", {}, [], 5) }], removes: [], texts: [], attributes: [] } },
      { type: 3, timestamp: 3, data: { source: 0, adds: [], removes: [], texts: [], attributes: [{ id: 3, attributes: { to: `${EVIL}/smil` } }, { id: 5, attributes: { href: `${EVIL}/` } }, { id: 4, attributes: { href: `${EVIL}/page` } }] } },
      // A node from an earlier page of events (tag unknown): the strictest rules apply.
      { type: 3, timestamp: 4, data: { source: 0, adds: [], removes: [], texts: [], attributes: [{ id: 99, attributes: { values: `${EVIL}/a;${EVIL}/b` } }] } },
    ];
    const out = JSON.stringify(safeForReplay(events));
    expect(out.match(/evil\.example[^"]*/g)).toEqual(["evil.example/page"]);
    expect(out).not.toMatch(/"attributeName":"href"/);
    expect(out).toContain('"values":"0 12 12;360 12 12"');
  });

  it("copes with a tree deeper than the stack", () => {
    let node: Record<string, unknown> = el("div", { onclick: "x" }, [], 1);
    for (let i = 0; i < 200_000; i++) node = el("div", {}, [node], i + 2);
    expect(() => safeForReplay([snapshot(node)])).not.toThrow();
  });
});
