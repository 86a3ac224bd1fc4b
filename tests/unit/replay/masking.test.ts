import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  BLOCK_ATTRIBUTE, ERROR_EVENT_TAG, MASK_ATTRIBUTE, MAX_CSS_CHARS, MAX_STRING_CHARS, UNMASK_ATTRIBUTE, createMasker, maskText,
  type MaskingRules, type MaskState, type ReplayEvent,
} from "@/lib/replay/masking";
import { scrubSecrets } from "@/lib/replay/scrub";
import { ADVERSARIAL_SHAPES, MB, costRatio, sized } from "./linearity";

type N = Record<string, unknown>;
const NO_RULES: MaskingRules = { maskSelectors: [], unmaskSelectors: [], blockSelectors: [] };
const E = (id: number, tagName: string, attributes: N = {}, childNodes: N[] = []): N => ({ type: 2, id, tagName, attributes, childNodes });
const T = (id: number, textContent: string): N => ({ type: 3, id, textContent });
// Document 1 > doctype 2, html 3 > head 4, body 5 > ...
const page = (body: N[], bodyAttributes: N = {}): N => ({
  type: 0, id: 1,
  childNodes: [{ type: 1, id: 2, name: "html", publicId: "", systemId: "" }, E(3, "html", {}, [E(4, "head"), E(5, "body", bodyAttributes, body)])],
});
const snapshot = (node: N): ReplayEvent => ({ type: 2, timestamp: 1, data: { node, initialOffset: { top: 0, left: 0 } } });
const mutation = (d: N): ReplayEvent => ({ type: 3, timestamp: 2, data: { source: 0, texts: [], attributes: [], removes: [], adds: [], ...d } });
const input = (id: number, text: string): ReplayEvent => ({ type: 3, timestamp: 3, data: { source: 5, id, text, isChecked: true, userTriggered: true } });
const json = (v: unknown) => JSON.stringify(v);

function find(root: unknown, id: number): N | undefined {
  const stack = [root];
  for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
    if (typeof n !== "object" || n === null) continue;
    const node = n as N;
    if (node.id === id && "type" in node) return node;
    stack.push(...Object.values(node));
  }
  return undefined;
}

// Masks a snapshot of `body` and returns the masker and the masked snapshot event.
function start(body: N[], bodyAttributes: N = {}, rules = NO_RULES) {
  const masker = createMasker(rules);
  const out = masker.mask(snapshot(page(body, bodyAttributes)));
  return { masker, out };
}

describe("maskText", () => {
  it("keeps length and whitespace, hides everything else, and is idempotent", () => {
    const text = "Jane Doe\n\t<jane@example.com> é😀";
    expect(maskText(text)).toHaveLength(text.length);
    expect(maskText(text)).toBe("**** ***\n\t****************** ***");
    expect(maskText(maskText(text))).toBe(maskText(text));
  });
});

describe("full snapshot", () => {
  it("masks every text by default, keeping its length", () => {
    const { out } = start([E(10, "p", {}, [T(11, "Jane Doe")])]);
    expect(find(out, 11)).toMatchObject({ textContent: "**** ***" });
    expect(json(out)).not.toContain("Jane");
  });

  it("masks rendered text attributes, hashes names, keeps layout attributes and drops everything else", () => {
    const attrs = {
      value: "jane", placeholder: "Your email", label: "Jane", title: "Jane", alt: "Jane", "aria-label": "Jane", "aria-description": "Jane",
      "data-user": "jane", class: "field big", id: "email", type: "email", name: "email", role: "textbox", "aria-hidden": "true",
      onclick: "steal()", [UNMASK_ATTRIBUTE + "-not"]: "x",
    };
    const { out } = start([E(10, "input", attrs)]);
    const a = find(out, 10)?.attributes as N;
    for (const k of ["value", "placeholder", "label"]) expect(a[k]).toBe(maskText(String(attrs[k as keyof typeof attrs])));
    expect(a).toMatchObject({ type: "email", role: "textbox", "aria-hidden": "true", class: expect.stringMatching(/^rd-\w+ rd-\w+$/), id: expect.stringMatching(/^rd-\w+$/) });
    expect(Object.keys(a).sort()).toEqual(["aria-hidden", "class", "id", "label", "placeholder", "role", "type", "value"]);
  });

  it("keeps an unmasked subtree in clear, text and attributes", () => {
    const { out } = start([E(10, "div", { [UNMASK_ATTRIBUTE]: "" }, [E(11, "p", { title: "Help" }, [T(12, "Opening hours")])])]);
    expect(find(out, 12)).toMatchObject({ textContent: "Opening hours" });
    expect(find(out, 11)).toMatchObject({ attributes: { title: "Help" } });
    expect(find(out, 10)).toMatchObject({ attributes: { [UNMASK_ATTRIBUTE]: "" } });
  });

  it("lets mask win over unmask at any depth", () => {
    const { out } = start(
      [
        E(10, "section", { [MASK_ATTRIBUTE]: "" }, [E(11, "div", {}, [E(12, "div", { [UNMASK_ATTRIBUTE]: "" }, [E(13, "span", {}, [T(14, "inner secret")])])])]),
        E(20, "div", {}, [E(21, "div", { [MASK_ATTRIBUTE]: "" }, [E(22, "b", { [UNMASK_ATTRIBUTE]: "" }, [T(23, "nested secret")])])]),
        E(30, "p", {}, [T(31, "public text")]),
      ],
      { [UNMASK_ATTRIBUTE]: "" },
    );
    const text = json(out);
    expect(text).not.toContain("secret");
    expect(text).toContain("public text");
  });

  it("applies site mask, unmask and block selectors, descendant combinators included", () => {
    const rules = { maskSelectors: [".account .email"], unmaskSelectors: ["main"], blockSelectors: ["#promo"] };
    const { out } = start(
      [E(10, "main", {}, [
        E(11, "div", { class: "account" }, [E(12, "div", {}, [E(13, "span", { class: "email" }, [T(14, "jane@example.com")])])]),
        E(15, "span", { class: "email" }, [T(16, "support@shop.example")]),
        E(17, "div", { id: "promo" }, [T(18, "your code JANE10")]),
      ])],
      {},
      rules,
    );
    expect(find(out, 14)).toMatchObject({ textContent: maskText("jane@example.com") });
    expect(find(out, 16)).toMatchObject({ textContent: "support@shop.example" });
    expect(find(out, 17)).toMatchObject({ childNodes: [], attributes: { [BLOCK_ATTRIBUTE]: "" } });
    expect(json(out)).not.toContain("JANE10");
  });

  it("blocks with the block attribute: same tag, sizing only, no children", () => {
    const { out, masker } = start([
      E(10, "div", { [BLOCK_ATTRIBUTE]: "", class: "card", rr_width: "300px", rr_height: "20.5px", title: "Jane", style: "color:red" }, [T(11, "Jane")]),
    ], { [UNMASK_ATTRIBUTE]: "" });
    expect(find(out, 10)).toEqual({ type: 2, id: 10, tagName: "div", attributes: { [BLOCK_ATTRIBUTE]: "", class: expect.stringMatching(/^rd-\w+$/), rr_width: "300px", rr_height: "20.5px" }, childNodes: [] });
    expect(masker.state().blocked).toEqual([10, -1]);
  });

  it("blocks S1 fields even inside an unmasked page", () => {
    const { out, masker } = start(
      [
        E(10, "input", { type: "password", value: "hunter2" }),
        E(11, "input", { autocomplete: "cc-number", value: "4111" }),
        E(12, "input", { name: "cardnumber", value: "4111" }),
        E(13, "input", { id: "cvc", value: "123" }),
      ],
      { [UNMASK_ATTRIBUTE]: "" },
    );
    for (const id of [10, 11, 12, 13]) {
      expect(find(out, id)).toMatchObject({ tagName: "input", attributes: { [BLOCK_ATTRIBUTE]: "" }, childNodes: [] });
      expect(masker.mask(input(id, "hunter2"))).toBeNull();
    }
    expect(json(out)).not.toMatch(/hunter2|4111|123/);
  });

  it("replaces media by sized placeholders and drops inline data", () => {
    const { out } = start(
      [
        E(10, "img", { src: "/u/jane.png?sig=1", alt: "Jane", width: "40", height: 30, srcset: "/a.png 1x" }),
        E(11, "video", { poster: "/p.png", rr_width: "640px", rr_height: "360px" }, [E(12, "source", { src: "/v.mp4" })]),
        E(13, "canvas", { rr_dataURL: "data:image/png;base64,AAAA" }),
        E(14, "iframe", { rr_src: "https://x.example/?u=jane", srcdoc: "<p>Jane</p>" }),
      ],
      { [UNMASK_ATTRIBUTE]: "" },
    );
    expect(find(out, 10)).toMatchObject({ tagName: "img", attributes: { [BLOCK_ATTRIBUTE]: "", rr_width: "40px", rr_height: "30px" }, childNodes: [] });
    expect(find(out, 11)).toMatchObject({ tagName: "video", attributes: { rr_width: "640px", rr_height: "360px" }, childNodes: [] });
    expect(find(out, 12)).toBeUndefined();
    expect(json(out)).not.toMatch(/jane|base64|\.mp4|p\.png/i);
  });

  it("drops query strings and fragments from URLs, even unmasked", () => {
    const everySegment = { ...NO_RULES, pathSegmentAllowList: ["*"] };
    const { out } = start(
      [
        E(10, "a", { href: "https://shop.example/orders?email=jane%40x.com#top" }),
        E(11, "a", { href: "mailto:jane@example.com" }),
        E(12, "a", { href: "https://jane:pw@shop.example/a" }),
        E(13, "form", { action: "/search?q=jane" }),
        E(14, "link", { rel: "stylesheet", href: "/app.css?token=abc" }),
        E(15, "a", { href: "javascript:alert(document.cookie)" }),
        E(16, "script", { src: "/app.js?k=1" }, [T(17, "var user = 'jane'")]),
        E(18, "link", { rel: "preload", imagesrcset: "/u/jane.png 1x" }),
      ],
      { [UNMASK_ATTRIBUTE]: "" },
      everySegment,
    );
    expect(find(out, 10)).toMatchObject({ attributes: { href: "https://shop.example/orders" } });
    expect(find(out, 11)).toMatchObject({ attributes: { href: "mailto:" } });
    expect(find(out, 12)).toMatchObject({ attributes: { href: "https://shop.example/a" } });
    expect(find(out, 13)).toMatchObject({ attributes: { action: "/search" } });
    expect(find(out, 14)).toMatchObject({ attributes: { href: "/app.css" } });
    expect(find(out, 15)).toMatchObject({ attributes: { href: "javascript:" } });
    expect(find(out, 16)).toMatchObject({ attributes: { src: "/app.js" }, childNodes: [] });
    expect(find(out, 18)).toMatchObject({ attributes: { rel: "preload" } });
    expect(json(out)).not.toMatch(/jane|token|cookie/);
  });

  it("keeps CSS but strips query strings from url(), and masks nothing else in it", () => {
    const css = "a{background:url( '/bg.png?u=jane#x' )} b{mask:url(#clip)} i{src:url(data:font/woff2;base64,AA?A)} p{background:URL(/p.png?q=1)}";
    const { out } = start([
      E(10, "style", { _cssText: css }, [T(11, css)]),
      E(12, "div", { style: "background-image:url(\"/me.jpg?sig=jane\")" }),
    ]);
    const cleaned = "a{background:url( '/bg.png#x' )} b{mask:url(#clip)} i{src:url(data:font/woff2;base64,AA?A)} p{background:URL(/p.png)}";
    expect(find(out, 11)).toEqual({ type: 3, id: 11, textContent: cleaned, isStyle: true });
    expect(find(out, 10)).toMatchObject({ attributes: { _cssText: cleaned } });
    expect(find(out, 12)).toMatchObject({ attributes: { style: 'background-image:url("/me.jpg")' } });
  });

  it("drops unknown node types and malformed nodes", () => {
    const { out } = start([{ type: 9, id: 10, textContent: "Jane" }, { type: 3, id: "11", textContent: "Jane" }, E(12, "p", {}, [T(13, "x")])]);
    expect(json(out)).not.toContain("Jane");
    expect(find(out, 13)).toBeDefined();
  });

  it("survives a very deep tree", () => {
    let node: N = T(100_000, "deep secret");
    for (let id = 99_999; id >= 10; id--) node = E(id, "div", {}, [node]);
    const { out } = start([node]);
    expect(json(find(out, 100_000))).toContain(maskText("deep secret"));
  });

  it("keeps the state compact: a subtree's consecutive ids are one run", () => {
    const children = Array.from({ length: 2000 }, (_, i) => E(10 + i, "p"));
    const { masker } = start(children, { [UNMASK_ATTRIBUTE]: "" });
    expect(masker.state().unmasked).toEqual([5, 10, -1999]);
  });
});

describe("incremental mutations", () => {
  it("unmasks nodes added under an unmasked parent, masks them under a masked one, drops them under a blocked one", () => {
    const { masker } = start([
      E(10, "div", { [UNMASK_ATTRIBUTE]: "" }),
      E(11, "div"),
      E(12, "div", { [BLOCK_ATTRIBUTE]: "" }),
    ]);
    const out = masker.mask(mutation({
      adds: [
        { parentId: 10, nextId: null, node: E(20, "p", { title: "Hi" }, [T(21, "visible")]) },
        { parentId: 11, nextId: null, node: T(22, "hidden one") },
        { parentId: 12, nextId: null, node: E(23, "p", {}, [T(24, "blocked one")]) },
      ],
    }));
    expect(find(out, 21)).toMatchObject({ textContent: "visible" });
    expect(find(out, 20)).toMatchObject({ attributes: { title: "Hi" } });
    expect(find(out, 22)).toMatchObject({ textContent: maskText("hidden one") });
    expect(find(out, 23)).toBeUndefined();
    expect(json(out)).not.toContain("blocked one");
    // Later events on the dropped nodes drop too.
    expect(json(masker.mask(mutation({ texts: [{ id: 24, value: "blocked two" }] })))).not.toContain("blocked two");
  });

  it("masks text mutations unless the node is known to be unmasked; unknown ids are masked", () => {
    const { masker } = start([E(10, "p", { [UNMASK_ATTRIBUTE]: "" }, [T(11, "a")]), E(12, "p", {}, [T(13, "b")])]);
    const out = masker.mask(mutation({ texts: [{ id: 11, value: "clear" }, { id: 13, value: "hidden" }, { id: 999, value: "unknown" }, { id: 11, value: null }] }));
    expect((out?.data as N).texts).toEqual([{ id: 11, value: "clear" }, { id: 13, value: "******" }, { id: 999, value: "*******" }, { id: 11, value: null }]);
  });

  it("masks attribute mutations per node, drops them on blocked nodes", () => {
    const { masker } = start([E(10, "input", { [UNMASK_ATTRIBUTE]: "" }), E(11, "input"), E(12, "input", { type: "password" })]);
    const out = masker.mask(mutation({
      attributes: [
        { id: 10, attributes: { value: "clear", "data-x": "y" } },
        { id: 11, attributes: { value: "hidden", placeholder: null, style: { color: "red", background: ["url(/a.png?u=1)", "important"], width: false } } },
        { id: 12, attributes: { value: "hunter2" } },
      ],
    }));
    expect((out?.data as N).attributes).toEqual([
      { id: 10, attributes: { value: "clear", "data-x": "y" } },
      { id: 11, attributes: { value: "******", placeholder: null, style: { color: "red", background: ["url(/a.png)", "important"], width: false } } },
    ]);
  });

  it("honours an unmask attribute added later, for the element and what is added under it", () => {
    const { masker } = start([E(10, "div", {}, [E(11, "input")])]);
    expect(masker.mask(input(11, "before"))?.data).toMatchObject({ text: "******" });
    const out = masker.mask(mutation({ attributes: [{ id: 11, attributes: { [UNMASK_ATTRIBUTE]: "", title: "Name" } }] }));
    expect((out?.data as N).attributes).toEqual([{ id: 11, attributes: { [UNMASK_ATTRIBUTE]: "", title: "Name" } }]);
    expect(masker.mask(input(11, "after"))?.data).toMatchObject({ text: "after" });
    masker.mask(mutation({ attributes: [{ id: 10, attributes: { [UNMASK_ATTRIBUTE]: "" } }] }));
    const added = masker.mask(mutation({ adds: [{ parentId: 10, nextId: null, node: T(20, "new text") }] }));
    expect(find(added, 20)).toMatchObject({ textContent: "new text" });
  });

  it("masks again when a mask attribute is added above unmasked content, also for nodes added later", () => {
    const { masker } = start([E(10, "div", {}, [E(11, "p", {}, [T(12, "old")]), E(13, "div")])], { [UNMASK_ATTRIBUTE]: "" });
    const out = masker.mask(mutation({
      attributes: [{ id: 10, attributes: { [MASK_ATTRIBUTE]: "" } }],
      texts: [{ id: 12, value: "same batch" }],
      adds: [{ parentId: 13, nextId: null, node: E(20, "b", { [UNMASK_ATTRIBUTE]: "" }, [T(21, "added below")]) }],
    }));
    expect(json(out)).not.toMatch(/same batch|added below/);
    expect(json(masker.mask(mutation({ texts: [{ id: 12, value: "later" }] })))).not.toContain("later");
    expect(masker.state().synced).toBe(false);
  });

  it("masks what is added after the unmask attribute is removed", () => {
    const { masker } = start([E(10, "div", { [UNMASK_ATTRIBUTE]: "" }, [E(11, "form")])]);
    masker.mask(mutation({ attributes: [{ id: 10, attributes: { [UNMASK_ATTRIBUTE]: null } }] }));
    const out = masker.mask(mutation({ adds: [{ parentId: 11, nextId: null, node: E(20, "input", { value: "jane" }) }] }));
    expect(json(out)).not.toContain("jane");
    expect(masker.mask(input(20, "jane"))?.data).toMatchObject({ text: "****" });
  });

  it("masks again when an element starts matching the ancestor part of a mask selector", () => {
    const rules = { ...NO_RULES, maskSelectors: [".acct .em"] };
    const { masker } = start([E(10, "div", {}, [E(11, "div", {}, [E(12, "span", { class: "em" }, [T(13, "a")])])])], { [UNMASK_ATTRIBUTE]: "" }, rules);
    masker.mask(mutation({ attributes: [{ id: 10, attributes: { class: "acct" } }] }));
    const out = masker.mask(mutation({
      texts: [{ id: 13, value: "existing" }],
      adds: [
        { parentId: 11, nextId: null, node: E(20, "span", { class: "em" }, [T(21, "under a descendant")]) },
        { parentId: 10, nextId: null, node: E(22, "span", { class: "em" }, [T(23, "right under it")]) },
      ],
    }));
    expect(json(out)).not.toMatch(/existing|under a descendant|right under it/);
  });

  it("keeps blocked placeholders blocked when its output is masked again (the server re-masking)", () => {
    const { out } = start([E(10, "input", { name: "cardnumber", value: "4111" })], { [UNMASK_ATTRIBUTE]: "" });
    const server = createMasker(NO_RULES);
    expect(server.mask(out as ReplayEvent)).toEqual(out);
    expect(server.mask(input(10, "4111"))).toBeNull();
  });

  it("tracks unmasking granted by attribute mutations, so that taking it back masks again", () => {
    const { masker } = start([E(10, "div")]);
    masker.mask(mutation({ attributes: [{ id: 10, attributes: { [UNMASK_ATTRIBUTE]: "" } }] }));
    masker.mask(mutation({ attributes: [{ id: 10, attributes: { [UNMASK_ATTRIBUTE]: null } }] }));
    const out = masker.mask(mutation({ adds: [{ parentId: 10, nextId: null, node: T(20, "private now") }] }));
    expect(json(out)).not.toContain("private now");
  });

  it("follows which rule unmasks an element when one replaces another", () => {
    const { masker } = start([E(10, "div", { class: "pub" })], {}, { ...NO_RULES, unmaskSelectors: [".pub"] });
    masker.mask(mutation({ attributes: [{ id: 10, attributes: { class: "other", [UNMASK_ATTRIBUTE]: "" } }] }));
    expect(json(masker.mask(mutation({ adds: [{ parentId: 10, nextId: null, node: T(20, "still public") }] })))).toContain("still public");
    masker.mask(mutation({ attributes: [{ id: 10, attributes: { [UNMASK_ATTRIBUTE]: null } }] }));
    const out = masker.mask(mutation({ adds: [{ parentId: 10, nextId: null, node: T(21, "private now") }] }));
    expect(json(out)).not.toContain("private now");
  });

  it("unmasks what is added under an element that starts matching the ancestor part of an unmask selector", () => {
    const { masker } = start([E(10, "div")], {}, { ...NO_RULES, unmaskSelectors: [".zone span"] });
    masker.mask(mutation({ attributes: [{ id: 10, attributes: { class: "zone" } }] }));
    const out = masker.mask(mutation({ adds: [{ parentId: 10, nextId: null, node: E(20, "span", {}, [T(21, "opening hours")]) }] }));
    expect(json(out)).toContain("opening hours");
  });

  it("masks what is added after an ancestor loses the class a descendant unmask selector needed", () => {
    const rules = { ...NO_RULES, unmaskSelectors: [".zone p"] };
    const { masker, out } = start([E(10, "div", { class: "zone" }, [E(11, "p", {}, [T(12, "public")])])], {}, rules);
    expect(find(out, 12)).toMatchObject({ textContent: "public" });
    masker.mask(mutation({ attributes: [{ id: 10, attributes: { class: "plain" } }] }));
    const added = masker.mask(mutation({ adds: [{ parentId: 10, nextId: null, node: E(20, "p", {}, [T(21, "private now")]) }] }));
    expect(json(added)).not.toContain("private now");
  });

  it("blocks a field that becomes a password field, and keeps it blocked when it is shown again", () => {
    const { masker } = start([E(10, "input", { type: "text" })], { [UNMASK_ATTRIBUTE]: "" });
    expect(masker.mask(input(10, "visible"))?.data).toMatchObject({ text: "visible" });
    const out = masker.mask(mutation({ attributes: [{ id: 10, attributes: { type: "password", value: "x" } }] }));
    expect((out?.data as N).attributes).toEqual([{ id: 10, attributes: { [BLOCK_ATTRIBUTE]: "" } }]);
    expect(masker.mask(input(10, "hunter2"))).toBeNull();
    masker.mask(mutation({ attributes: [{ id: 10, attributes: { type: "text" } }] }));
    expect(masker.mask(input(10, "hunter2"))).toBeNull();
  });

  it("applies a descendant mask selector to nodes added later, across chunks", () => {
    const rules = { maskSelectors: [".account .email"], unmaskSelectors: [], blockSelectors: [] };
    const { masker } = start([E(10, "div", { class: "account" }), E(11, "div")], { [UNMASK_ATTRIBUTE]: "" }, rules);
    const resumed = createMasker(rules, JSON.parse(json(masker.state())));
    const out = resumed.mask(mutation({
      adds: [
        { parentId: 10, nextId: null, node: E(20, "span", { class: "email" }, [T(21, "jane@example.com")]) },
        { parentId: 11, nextId: null, node: E(22, "span", { class: "email" }, [T(23, "help@shop.example")]) },
      ],
    }));
    expect(json(out)).not.toContain("jane@example.com");
    expect(json(out)).toContain("help@shop.example");
  });

  it("prunes removed nodes from the state and drops removals of never-emitted nodes", () => {
    const { masker } = start([E(10, "div", { [UNMASK_ATTRIBUTE]: "" }), E(11, "div", { [BLOCK_ATTRIBUTE]: "" }, [E(12, "p")])]);
    const out = masker.mask(mutation({ removes: [{ parentId: 5, id: 10 }, { parentId: 11, id: 12 }] }));
    expect((out?.data as N).removes).toEqual([{ parentId: 5, id: 10 }]);
    expect(masker.state().unmasked).not.toContain(10);
    expect(masker.mask(mutation({ texts: [{ id: 10, value: "gone" }] }))?.data).toMatchObject({ texts: [{ id: 10, value: "****" }] });
  });

  it("unmasks nothing before a full snapshot has been seen", () => {
    const masker = createMasker(NO_RULES);
    const out = masker.mask(mutation({ adds: [{ parentId: 5, nextId: null, node: E(20, "p", { [UNMASK_ATTRIBUTE]: "" }, [T(21, "no context")]) }] }));
    expect(json(out)).not.toContain("no context");
  });

  it("unmasks nothing from a state built under other rules", () => {
    const { masker } = start([E(10, "div")], { [UNMASK_ATTRIBUTE]: "" });
    const other = createMasker({ ...NO_RULES, maskSelectors: [".new-rule"] }, masker.state());
    const out = other.mask(mutation({ adds: [{ parentId: 10, nextId: null, node: T(20, "was public") }] }));
    expect(json(out)).not.toContain("was public");
    const same = createMasker(NO_RULES, masker.state());
    expect(json(same.mask(mutation({ adds: [{ parentId: 10, nextId: null, node: T(20, "still public") }] })))).toContain("still public");
  });
});

describe("masked means masked (security review M3)", () => {
  // The review's page: personal data outside text nodes, recorded on a site with default rules.
  const reviewPage = () => [
    E(10, "div", { "x-data": "{ email: 'jane.doe@example.com', phone: '+33 6 12 34 56 78' }", class: "profile jane-doe", id: "customer-jane-doe" }, [T(11, "Hello")]),
    E(12, "a", { href: "https://shop.example/customers/jane-doe-1985-04-12/orders", title: "Jane's orders" }, [T(13, "My orders")]),
    E(14, "time", { datetime: "1985-04-12" }, [T(15, "12 April 1985")]),
    E(16, "form", {}, [
      E(17, "input", { type: "radio", name: "hiv-status", id: "hiv-status-positive", value: "positive", checked: true }),
      E(18, "input", { type: "checkbox", name: "newsletter", value: "yes", checked: true }),
      E(19, "select", { name: "country" }, [E(20, "option", { value: "fr", selected: true }, [T(21, "France")])]),
    ]),
    E(22, "style", {}, [T(23, '.greeting::before { content: "Welcome back, Jane Doe"; --user: "Jane Doe"; color: red }')]),
    E(24, "div", { role: "progressbar", "aria-valuenow": "86", "aria-valuetext": "86 percent", style: "width: 86px", dir: "ltr" }),
  ];
  const LEAKS = ["jane.doe@example.com", "+33 6 12 34 56 78", "jane-doe", "1985-04-12", "hiv-status", '"checked":true', '"selected":true', '"isChecked":true', "Welcome back, Jane Doe", '"aria-valuenow"', "86 percent", "newsletter", "Jane"];

  it("keeps none of the review's personal data, in snapshots, mutations, input events and the page URL", () => {
    const { masker, out } = start(reviewPage());
    const later = [
      masker.mask(mutation({
        attributes: [{ id: 17, attributes: { checked: true, "data-answer": "positive" } }, { id: 24, attributes: { "aria-valuenow": "86", style: { "--user": '"Jane Doe"' } } }],
        adds: [{ parentId: 10, nextId: null, node: E(30, "time", { datetime: "1985-04-12T10:00", class: "jane-doe" }) }],
      })),
      masker.mask(input(17, "positive")),
      masker.mask({ type: 3, timestamp: 4, data: { source: 13, id: 1, index: [0], set: { property: "content", value: '"Welcome back, Jane Doe"', priority: "" } } }),
      masker.mask({ type: 4, timestamp: 5, data: { href: "https://shop.example/customers/jane-doe-1985-04-12?tab=1", width: 800, height: 600 } }),
    ];
    const text = json([out, ...later]);
    for (const leak of LEAKS) expect(text, leak).not.toContain(leak);
  });

  it("keeps what the layout needs: tags, layout attributes, styles, and class and id names in a form CSS still matches", () => {
    const { out } = start(reviewPage());
    expect(find(out, 24)).toMatchObject({ tagName: "div", attributes: { role: "progressbar", style: "width: 86px", dir: "ltr" } });
    expect(find(out, 17)).toMatchObject({ attributes: { type: "radio" } });
    const attrs = find(out, 10)?.attributes as N;
    expect(Object.keys(attrs).sort()).toEqual(["class", "id"]);
    const [profile, janeDoe] = String(attrs.class).split(" ");
    expect(profile).toMatch(/^rd-[0-9a-z]+$/);
    expect(janeDoe).toMatch(/^rd-[0-9a-z]+$/);
    // The same name gets the same token within a recording, in the DOM and in the CSS.
    const css = '.profile>.x, #customer-jane-doe { color: #fff; margin: .5em } a.profile:hover{}';
    const { out: styled } = start([E(40, "div", { class: "profile", id: "customer-jane-doe" }), E(41, "style", {}, [T(42, css)])]);
    const el = find(styled, 40)?.attributes as N;
    const sheet = String(find(styled, 42)?.textContent);
    expect(sheet).toContain(`.${String(el.class)}>`);
    expect(sheet).toContain(`#${String(el.id)} {`);
    expect(sheet).toContain(`a.${String(el.class)}:hover`);
    expect(sheet).toContain("color: #fff; margin: .5em");
  });

  it("keeps the class and id names the site's own selectors use, so the server's second pass matches them", () => {
    const rules = { ...NO_RULES, unmaskSelectors: [".product-name", "#price"] };
    const { out } = start([E(10, "h3", { class: "product-name big" }, [T(11, "Brass lamp")]), E(12, "p", { id: "price" }, [T(13, "48.50")])], {}, rules);
    expect(find(out, 10)).toMatchObject({ attributes: { class: expect.stringMatching(/^product-name rd-/) } });
    expect(find(out, 12)).toMatchObject({ attributes: { id: "price" } });
    const server = createMasker(rules);
    expect(json(server.mask(out!))).toBe(json(out));
  });

  it("masks form state unless the field is unmasked", () => {
    const { masker, out } = start([E(10, "input", { type: "checkbox", checked: true }), E(11, "input", { type: "checkbox", checked: true, [UNMASK_ATTRIBUTE]: "" })]);
    expect(find(out, 10)?.attributes).not.toHaveProperty("checked");
    expect(find(out, 11)?.attributes).toHaveProperty("checked", true);
    expect(masker.mask(input(10, "on"))?.data).toMatchObject({ isChecked: false });
    expect(masker.mask(input(11, "on"))?.data).toMatchObject({ isChecked: true });
  });

  it("reduces URLs to origin and path, id-like segments masked, unless the site lists them", () => {
    const link = (href: string, allow: string[] = []) => {
      const { out } = start([E(10, "a", { href })], { [UNMASK_ATTRIBUTE]: "" }, { ...NO_RULES, pathSegmentAllowList: allow });
      return (find(out, 10)?.attributes as N).href;
    };
    expect(link("https://shop.example/customers/jane-doe-1985-04-12/orders?x=1")).toBe("https://shop.example/:id/:id/:id");
    expect(link("/customers/jane-doe-1985-04-12/orders", ["customers", "orders", "jane-doe-1985-04-12"])).toBe("/customers/:id/orders");
    expect(link("/p/brass-desk-lamp/3f9c2a1b-8d4e-4f6a-9b0c-1d2e3f4a5b6c", ["*"])).toBe("/p/brass-desk-lamp/:id");
  });

  it("caps every single string before masking (H4): attribute values, CSS and text", () => {
    const huge = "AB12 ".repeat(400_000);
    const { out } = start([E(10, "div", { class: huge, style: `color:red;${huge}` }, [T(11, huge)]), E(12, "style", {}, [T(13, huge + huge + huge)])], { [UNMASK_ATTRIBUTE]: "" });
    const lengths = [find(out, 10)?.attributes as N, find(out, 11), find(out, 13)].flatMap((n) => Object.values(n ?? {})).filter((v): v is string => typeof v === "string").map((v) => v.length);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(MAX_CSS_CHARS);
    expect(String((find(out, 11) as N).textContent).length).toBeLessThanOrEqual(MAX_STRING_CHARS);
  });
});

describe("linear time (H4)", () => {
  // An unmasked page (the costliest case: everything kept, so everything is scrubbed) whose
  // attributes, CSS and texts are all made of one adversarial shape, each as long as the cap allows.
  const hostilePage = (unit: string, bytes: number) => {
    const value = sized(unit, MAX_STRING_CHARS);
    const kids = Array.from({ length: Math.ceil(bytes / (4 * value.length)) }, (_, i) =>
      E(100 + 2 * i, "div", { class: value, "x-data": value, style: `content:"${value}";background:url(${value}` }, [T(101 + 2 * i, value)]),
    );
    return snapshot(page(kids, { [UNMASK_ATTRIBUTE]: "" }));
  };
  const maskAndScrub = (event: ReplayEvent) => () => void scrubSecrets(createMasker(NO_RULES).mask(event));

  // Three of the scrubber's shapes (the scrubber's own test covers them all): each takes seconds.
  const shapes = ["IBAN starts", "valid cards", "IBAN starts and digits"].map((shape) => [shape, ADVERSARIAL_SHAPES[shape]!]);
  it.each(shapes)("masking and scrubbing 8 MB of %s costs at most ~10x 1 MB", (_, unit) => {
    // Fresh input for each run, as each upload is (see the scrubber's test).
    expect(costRatio(() => maskAndScrub(hostilePage(unit, MB))(), () => maskAndScrub(hostilePage(unit, 8 * MB))())).toBeLessThan(10);
  }, 120_000);

  it("a single 8 MB value costs about what a 1 MB one does: it is capped first", () => {
    const one = (bytes: number) => snapshot(page([E(10, "div", { class: sized("AB12 ", bytes), style: sized("url(", bytes) }, [T(11, sized("1 ", bytes))])], { [UNMASK_ATTRIBUTE]: "" }));
    expect(costRatio(() => maskAndScrub(one(MB))(), () => maskAndScrub(one(8 * MB))())).toBeLessThan(3);
  }, 60_000);
});

describe("other events", () => {
  const { masker } = start([E(10, "input", { [UNMASK_ATTRIBUTE]: "" }), E(11, "input", { type: "checkbox" })]);

  it("masks input and checked state unless the field is unmasked", () => {
    expect(masker.mask(input(10, "Paris"))?.data).toEqual({ source: 5, id: 10, text: "Paris", isChecked: true, userTriggered: true });
    expect(masker.mask(input(11, "on"))?.data).toEqual({ source: 5, id: 11, text: "**", isChecked: false, userTriggered: true });
  });

  it("drops the query string and fragment of the page URL, and masks its path", () => {
    const meta: ReplayEvent = { type: 4, timestamp: 1, data: { href: "https://shop.example/reset/8812?token=abc#x", width: 800, height: 600 } };
    expect(masker.mask(meta)).toEqual({ type: 4, timestamp: 1, data: { href: "https://shop.example/:id/:id", width: 800, height: 600 } });
    const listed = createMasker({ ...NO_RULES, pathSegmentAllowList: ["reset"] });
    expect(listed.mask(meta)?.data).toMatchObject({ href: "https://shop.example/reset/:id" });
  });

  it("keeps only the name of custom and plugin events, and masks the error message", () => {
    const custom = (tag: string, payload: unknown): ReplayEvent => ({ type: 5, timestamp: 1, data: { tag, payload } });
    expect(masker.mask(custom("checkout", { email: "jane@example.com" }))?.data).toEqual({ tag: "checkout", payload: {} });
    expect(masker.mask(custom(ERROR_EVENT_TAG, { message: "No user jane@x", stack: "at jane" }))?.data).toEqual({ tag: ERROR_EVENT_TAG, payload: { message: "** **** ******" } });
    const plugin: ReplayEvent = { type: 6, timestamp: 1, data: { plugin: "rrweb/console@1", payload: { level: "log", payload: ["jane"] } } };
    expect(masker.mask(plugin)?.data).toEqual({ plugin: "rrweb/console@1", payload: {} });
  });

  it("keeps only the numeric fields of pointer, scroll, viewport, media and selection events", () => {
    const inc = (data: N): ReplayEvent => ({ type: 3, timestamp: 1, data, delay: 5 });
    expect(masker.mask(inc({ source: 1, positions: [{ x: 1, y: 2, id: 10, timeOffset: -5, note: "jane" }] }))).toEqual(inc({ source: 1, positions: [{ x: 1, y: 2, id: 10, timeOffset: -5 }] }));
    expect(masker.mask(inc({ source: 2, type: 2, id: 10, x: 3, y: 4, text: "jane", pin: 1234 }))?.data).toEqual({ source: 2, type: 2, id: 10, x: 3, y: 4 });
    expect(masker.mask(inc({ source: 3, id: 1, x: 0, y: 50 }))?.data).toEqual({ source: 3, id: 1, x: 0, y: 50 });
    expect(masker.mask(inc({ source: 4, width: 1, height: 2 }))?.data).toEqual({ source: 4, width: 1, height: 2 });
    expect(masker.mask(inc({ source: 7, type: 0, id: 3, currentTime: 1.5, src: "/v.mp4?u=1" }))?.data).toEqual({ source: 7, type: 0, id: 3, currentTime: 1.5 });
    expect(masker.mask(inc({ source: 14, ranges: [{ start: 1, startOffset: 0, end: 1, endOffset: 3 }] }))?.data).toEqual({ source: 14, ranges: [{ start: 1, startOffset: 0, end: 1, endOffset: 3 }] });
  });

  it("keeps style sheet changes as CSS without url query strings", () => {
    const inc = (data: N): ReplayEvent => ({ type: 3, timestamp: 1, data });
    expect(masker.mask(inc({ source: 8, id: 9, adds: [{ rule: "a{background:url(/x.png?u=jane)}", index: [0, 1] }], removes: [{ index: 2 }], replace: "b{}" }))?.data)
      .toEqual({ source: 8, id: 9, adds: [{ rule: "a{background:url(/x.png)}", index: [0, 1] }], removes: [{ index: 2 }], replace: "b{}" });
    expect(masker.mask(inc({ source: 13, id: 9, index: [0], set: { property: "background", value: "url(/y.png?jane)", priority: "" } }))?.data)
      .toEqual({ source: 13, id: 9, index: [0], set: { property: "background", value: "url(/y.png)", priority: "" } });
    expect(masker.mask(inc({ source: 15, id: 1, styleIds: [3], styles: [{ styleId: 3, rules: [{ rule: "i{}" }] }] }))?.data)
      .toEqual({ source: 15, id: 1, styleIds: [3], styles: [{ styleId: 3, rules: [{ rule: "i{}" }] }] });
  });

  it("drops canvas drawing, fonts, console logs, unknown sources, unknown types and malformed events", () => {
    const drops: unknown[] = [
      { type: 3, timestamp: 1, data: { source: 9, id: 3, commands: [{ property: "fillText", args: ["Jane", 0, 0] }] } },
      { type: 3, timestamp: 1, data: { source: 10, family: "x", fontSource: "url(/f?u=1)", buffer: false } },
      { type: 3, timestamp: 1, data: { source: 11, level: "log", payload: ["jane"] } },
      { type: 3, timestamp: 1, data: { source: 99, text: "jane" } },
      { type: 7, timestamp: 1, data: { url: "/a.png", payload: { rr_type: "Blob" } } },
      { type: 42, timestamp: 1, data: { text: "jane" } },
      { type: 3, timestamp: "1", data: { source: 3, id: 1, x: 0, y: 0 } },
      { type: 2, timestamp: 1, data: { node: "jane" } },
      { type: 3, timestamp: 1, data: "jane" },
      null,
    ];
    for (const event of drops) expect(masker.mask(event as ReplayEvent)).toBeNull();
  });
});

describe("contract", () => {
  it("never changes its input", () => {
    const deepFreeze = (v: unknown): unknown => {
      if (typeof v === "object" && v !== null) Object.values(Object.freeze(v)).forEach(deepFreeze);
      return v;
    };
    const events = [
      snapshot(page([E(10, "input", { value: "jane", type: "password" }), E(11, "p", {}, [T(12, "Jane")]), E(13, "a", { href: "/?q=jane" })], { [UNMASK_ATTRIBUTE]: "" })),
      mutation({ adds: [{ parentId: 11, nextId: null, node: E(20, "b", { title: "jane" }, [T(21, "jane")]) }], texts: [{ id: 12, value: "jane" }], attributes: [{ id: 11, attributes: { style: { color: "red" } } }] }),
      input(10, "jane"),
    ];
    const before = json(events);
    deepFreeze(events);
    const masker = createMasker(NO_RULES);
    for (const e of events) expect(() => masker.mask(e)).not.toThrow();
    expect(json(events)).toBe(before);
  });

  it("refuses selectors outside the supported subset", () => {
    expect(() => createMasker({ ...NO_RULES, maskSelectors: ["li:first-child"] })).toThrow(/li:first-child/);
    expect(() => createMasker({ ...NO_RULES, blockSelectors: ["div > p"] })).toThrow(/div > p/);
  });
});

// ---- Property tests ------------------------------------------------------------------------
// A model of the page's DOM, random events on it, and an oracle that says, from the model alone,
// where personal text may legitimately be in clear. Every text and content attribute carries a
// unique secret token; no token the oracle does not allow may appear anywhere in the output.

const RULES: MaskingRules = { maskSelectors: [".pii", ".acct .em"], unmaskSelectors: [".pub", ".zone span"], blockSelectors: [".nope"] };
const CLASSES = ["pii", "pub", "acct", "em", "nope", "zone", "x"];
const TAGS = ["div", "span", "p", "input", "img", "a", "section"];
const MARKERS = [UNMASK_ATTRIBUTE, MASK_ATTRIBUTE, BLOCK_ATTRIBUTE];

type Shape = { tag: string; classes: string[]; markers: string[]; password: boolean; kids: (Shape | null)[] };
type MEl = { id: number; tag: string; attrs: Record<string, string>; kids: MNode[]; parent: MEl | null };
type MText = { id: number; text: true; parent: MEl };
type MNode = MEl | MText;

const shapeArb: fc.Arbitrary<Shape> = fc.letrec<{ shape: Shape; kid: Shape | null }>((tie) => ({
  shape: fc.record({
    tag: fc.constantFrom(...TAGS),
    classes: fc.subarray(CLASSES, { maxLength: 2 }),
    markers: fc.subarray(MARKERS, { maxLength: 2 }),
    password: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
    kids: fc.array(tie("kid"), { maxLength: 3, depthIdentifier: "tree" }),
  }),
  // null is a text node
  kid: fc.oneof({ maxDepth: 4, depthIdentifier: "tree" }, fc.constant(null), tie("shape")),
})).shape;

const opArb = fc.oneof(
  fc.record({ op: fc.constant("add" as const), pick: fc.nat(), shape: shapeArb }),
  fc.record({ op: fc.constant("text" as const), pick: fc.nat() }),
  fc.record({ op: fc.constant("input" as const), pick: fc.nat() }),
  fc.record({ op: fc.constant("remove" as const), pick: fc.nat() }),
  fc.record({
    op: fc.constant("attr" as const),
    pick: fc.nat(),
    name: fc.constantFrom("class", "type", "title", ...MARKERS),
    value: fc.option(fc.constantFrom(...CLASSES, "password", "text", ""), { nil: null }),
  }),
);

type Op = typeof opArb extends fc.Arbitrary<infer U> ? U : never;

class Scenario {
  nextId = 1;
  secrets: { token: string; allowed: boolean }[] = [];
  // Stands for <body>, id 10_000_002 in the snapshot below.
  root: MEl = { id: 10_000_002, tag: "body", attrs: {}, kids: [], parent: null };
  events: ReplayEvent[] = [];

  token(allowed: boolean): string {
    const token = `SEC${this.nextId++}RET`;
    this.secrets.push({ token, allowed });
    return token;
  }

  // The truth, from the model's current DOM: strictest of what each ancestor-or-self asks for.
  status(el: MEl): number {
    let s = 0;
    const chain: MEl[] = [];
    for (let n: MEl | null = el; n; n = n.parent) chain.unshift(n);
    chain.forEach((n, i) => {
      const cls = (n.attrs.class ?? "").split(" ");
      const blocked = BLOCK_ATTRIBUTE in n.attrs || n.tag === "img" || (n.tag === "input" && n.attrs.type === "password") || cls.includes("nope");
      const above = (c: string) => chain.slice(0, i).some((a) => (a.attrs.class ?? "").split(" ").includes(c));
      const masked = MASK_ATTRIBUTE in n.attrs || cls.includes("pii") || (cls.includes("em") && above("acct"));
      const unmasked = UNMASK_ATTRIBUTE in n.attrs || cls.includes("pub") || (n.tag === "span" && above("zone"));
      s = Math.max(s, blocked ? 3 : masked ? 2 : unmasked ? 1 : 0);
    });
    return s;
  }

  clear(el: MEl): boolean {
    return this.status(el) === 1;
  }

  elements(): MEl[] {
    const out: MEl[] = [];
    const walk = (n: MNode) => {
      if ("text" in n) return;
      out.push(n);
      n.kids.forEach(walk);
    };
    walk(this.root);
    return out;
  }

  texts(): MText[] {
    return this.elements().flatMap((e) => e.kids.filter((k): k is MText => "text" in k));
  }

  // Builds model nodes and their serialized form; secrets are decided after insertion.
  build(shape: Shape | null, parent: MEl): { model: MNode; json: N } {
    const id = this.nextId++;
    if (shape === null) {
      const model: MText = { id, text: true, parent };
      parent.kids.push(model);
      return { model, json: { type: 3, id, textContent: `hi ${this.token(this.clear(parent))} there` } };
    }
    const attrs: Record<string, string> = {};
    if (shape.classes.length) attrs.class = shape.classes.join(" ");
    for (const m of shape.markers) attrs[m] = "";
    if (shape.password && shape.tag === "input") attrs.type = "password";
    const model: MEl = { id, tag: shape.tag, attrs, kids: [], parent };
    parent.kids.push(model);
    const clear = this.clear(model);
    const content: N = { title: this.token(clear), "data-note": this.token(clear) };
    if (shape.tag === "a") content.href = `/p?q=${this.token(false)}#${this.token(false)}`;
    if (shape.tag === "input") content.value = this.token(clear);
    const kids = shape.kids.map((k) => this.build(k, model).json);
    return { model, json: E(id, shape.tag, { ...attrs, ...content }, kids) };
  }

  constructor(body: Shape, ops: Op[]) {
    const top = this.build(body, this.root);
    this.events.push(snapshot({ type: 0, id: 10_000_000, childNodes: [E(10_000_001, "html", {}, [E(10_000_002, "body", {}, [top.json])])] }));
    for (const o of ops) this.apply(o);
  }

  apply(o: Op): void {
    const els = this.elements();
    const el = els[o.pick % els.length];
    if (!el) return;
    if (o.op === "add") {
      const built = this.build(o.shape, el);
      this.events.push(mutation({ adds: [{ parentId: el.id, nextId: null, node: built.json }] }));
    } else if (o.op === "text") {
      const texts = this.texts();
      const t = texts[o.pick % Math.max(1, texts.length)];
      if (t) this.events.push(mutation({ texts: [{ id: t.id, value: this.token(this.clear(t.parent)) }] }));
    } else if (o.op === "input") {
      this.events.push(input(el.id, this.token(this.clear(el))));
    } else if (o.op === "remove") {
      if (!el.parent) return;
      el.parent.kids = el.parent.kids.filter((k) => k !== el);
      this.events.push(mutation({ removes: [{ parentId: el.parent.id, id: el.id }] }));
    } else {
      if (o.value === null) delete el.attrs[o.name];
      else el.attrs[o.name] = o.value;
      // A content attribute changed in the same mutation is judged with the element's new state.
      const title = this.token(this.clear(el));
      this.events.push(mutation({ attributes: [{ id: el.id, attributes: { [o.name]: o.value, title } }] }));
    }
  }
}

const scenarioArb = fc.tuple(shapeArb, fc.array(opArb, { maxLength: 12 })).map(([body, ops]) => new Scenario(body, ops));
const maskAll = (rules: MaskingRules, events: ReplayEvent[]) => {
  const masker = createMasker(rules);
  return events.map((e) => masker.mask(e)).filter((e): e is ReplayEvent => e !== null);
};

describe("properties", () => {
  it("no secret leaves in clear unless the oracle says its node is unmasked", () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const out = JSON.stringify(maskAll(RULES, scenario.events));
        for (const { token, allowed } of scenario.secrets) if (!allowed) expect(out).not.toContain(token);
      }),
      { numRuns: 400 },
    );
  });

  it("is idempotent: masking the output again changes nothing", () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const once = maskAll(RULES, scenario.events);
        expect(JSON.parse(json(maskAll(RULES, once)))).toEqual(JSON.parse(json(once)));
      }),
      { numRuns: 200 },
    );
  });

  it("resumes from a JSON round trip of its state exactly where it left off", () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), (scenario, at) => {
        const split = at % (scenario.events.length + 1);
        // Both start from the same (empty) state, so that they hash names with the same key.
        const seed = JSON.parse(json(createMasker(RULES).state())) as MaskState;
        const whole = createMasker(RULES, seed);
        const expected = scenario.events.map((e) => whole.mask(e));
        const first = createMasker(RULES, seed);
        const head = scenario.events.slice(0, split).map((e) => first.mask(e));
        const second = createMasker(RULES, JSON.parse(json(first.state())));
        const tail = scenario.events.slice(split).map((e) => second.mask(e));
        expect(json([...head, ...tail])).toBe(json(expected));
        expect(json(second.state())).toBe(json(whole.state()));
      }),
      { numRuns: 200 },
    );
  });

  it("takes arbitrary JSON without throwing, and its output and state serialize", () => {
    const anyJson = fc.letrec<{ v: unknown }>((tie) => ({
      v: fc.oneof(
        { maxDepth: 4 },
        fc.string({ maxLength: 8 }), fc.integer({ min: -3, max: 12 }), fc.boolean(), fc.constant(null),
        fc.array(tie("v"), { maxLength: 4 }),
        fc.dictionary(fc.constantFrom("type", "id", "tagName", "attributes", "childNodes", "textContent", "source", "text", "node", "adds", "texts", "attributes", "removes", "parentId", "payload", "tag", "href", "class", "style"), tie("v"), { maxKeys: 6 }),
      ),
    })).v;
    fc.assert(
      fc.property(fc.array(fc.record({ type: fc.integer({ min: 0, max: 8 }), timestamp: fc.nat(), data: anyJson }), { maxLength: 8 }), (events) => {
        const masker = createMasker(RULES);
        const out = events.map((e) => masker.mask(e as ReplayEvent));
        expect(JSON.parse(json(out))).toEqual(out.map((e) => (e === null ? null : JSON.parse(json(e)))));
        expect(JSON.parse(json(masker.state())).v).toBe(1);
      }),
      { numRuns: 300 },
    );
  });
});
