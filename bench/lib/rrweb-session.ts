// A realistic, deterministic recording as the Replaydesk SDK uploads it, without a browser: rrweb
// serialized events of a ~300-element shop page (full snapshot) followed by what a visitor does
// every 5 seconds (mouse, clicks, typing, scrolling, DOM mutations). Text is masked the way the
// SDK masks it (M0: '*' per character, product names and prices unmasked), and card fields come
// as rrweb's blocked placeholders, so the server's re-masking keeps what the SDK would have sent.
import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { IngestBatch, ReplayEvent } from "@/lib/replay/protocol";
import { FLUSH_INTERVAL_MS } from "@/lib/replay/protocol";

// rrweb's enums (rrweb-snapshot NodeType, rrweb EventType / IncrementalSource / MouseInteractions).
const NODE = { document: 0, doctype: 1, element: 2, text: 3 } as const;
const EVENT = { fullSnapshot: 2, incremental: 3, meta: 4 } as const;
const SOURCE = { mutation: 0, mouseMove: 1, mouseInteraction: 2, scroll: 3, input: 5 } as const;
const MOUSE = { mouseUp: 0, mouseDown: 1, click: 2, focus: 5, blur: 6 } as const;

type SNode = { type: number; id: number; [key: string]: unknown };

// mulberry32: a tiny seeded PRNG, so every run replays the same session.
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const masked = (text: string) => text.replace(/\S/g, "*");
const WORDS = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua".split(" ");

// The page, with the ids of the nodes the incremental events touch.
type Page = { root: SNode; nextId: number; buttons: number[]; inputs: number[]; cartText: number; statusText: number; recentList: number; recentItems: number[]; products: number[] };

function buildPage(rand: () => number): Page {
  let nextId = 1;
  const id = () => nextId++;
  const text = (content: string): SNode => ({ type: NODE.text, id: id(), textContent: content });
  const ws = () => text("\n    ");
  // Ids are assigned top-down in document order, as rrweb's depth-first serializer gives them, so
  // nodes are described as thunks and built parent first.
  type Thunk = () => SNode;
  const E = (tagName: string, attributes: Record<string, string>, children: Thunk[] = []): Thunk => () => {
    const node: SNode = { type: NODE.element, id: id(), tagName, attributes, childNodes: [] };
    node.childNodes = children.flatMap((c) => [ws(), c()]);
    return node;
  };
  const T = (content: string): Thunk => () => text(content);
  const sentence = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(" ");

  const buttons: number[] = [];
  const inputs: number[] = [];
  const products: number[] = [];
  const recentItems: number[] = [];
  let cartText = 0;
  let statusText = 0;
  let recentList = 0;
  const track = (into: number[], t: Thunk): Thunk => () => {
    const n = t();
    into.push(n.id);
    return n;
  };
  const field = (name: string, label: string, type: string): Thunk =>
    E("div", { class: "field" }, [E("label", { for: name }, [T(masked(label))]), track(inputs, E("input", { id: name, name, type, "data-testid": masked(name), value: "" }))]);
  // S1: card fields reach the server as rrweb's blocked placeholders.
  const blocked = (name: string): Thunk => E("div", { class: "field" }, [E("label", { for: name }, [T(masked(name))]), E("input", { class: "", rr_width: "320px", rr_height: "38px", "data-replay-block": "" })]);

  const css = Array.from({ length: 60 }, (_, i) => `.c${i}{margin:${i % 7}px ${i % 5}px;padding:${i % 3}px;color:#${(0x224466 + i * 4099).toString(16).slice(0, 6)};font:14px/1.4 system-ui}`).join("");
  const productNames = Array.from({ length: 40 }, (_, i) => `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} no. ${i + 1}`);

  const tree = E("html", { lang: "en" }, [
    E("head", {}, [E("meta", { charset: "utf-8" }), E("title", {}, [T(masked("Demo Shop"))]), E("style", {}, [T(css)])]),
    E("body", {}, [
      E("header", { class: "top" }, [
        E("p", { class: "logo", "data-replay-unmask": "" }, [T("Demo Shop")]),
        E("nav", { "aria-label": "****" }, ["Products", "Account", "Checkout", "Help", "Stores"].map((n) => E("a", { href: `/demo/shop#${n.toLowerCase()}` }, [T(masked(n))]))),
        E("p", { class: "cart", "data-replay-unmask": "" }, [T("Cart: "), E("span", { id: "cart-count" }, [() => { const n = text("0"); cartText = n.id; return n; }]), T(" items")]),
      ]),
      E("main", { id: "main" }, [
        E("section", { id: "products" }, [
          E("h2", { "data-replay-unmask": "" }, [T("Products")]),
          E("ul", { class: "products" }, productNames.map((name, i) =>
            track(products, E("li", { class: "product c" + (i % 60) }, [
              E("h3", { "data-replay-unmask": "" }, [T(name)]),
              E("p", { class: "price", "data-replay-unmask": "" }, [T(`€${(5 + rand() * 95).toFixed(2)}`)]),
              E("p", { class: "desc" }, [T(masked(sentence(9)))]),
              track(buttons, E("button", { type: "button", class: "add" }, [T(masked("Add to cart"))])),
            ])),
          )),
          E("p", { class: "status", role: "status" }, [() => { const n = text(""); statusText = n.id; return n; }]),
        ]),
        E("aside", { class: "recent" }, [
          E("h2", {}, [T(masked("Recently viewed"))]),
          () => {
            const list = E("ul", {}, Array.from({ length: 8 }, () => track(recentItems, E("li", {}, [E("a", { href: "/demo/shop" }, [T(masked(sentence(3)))])]))))();
            recentList = list.id;
            return list;
          },
        ]),
        E("section", { id: "account" }, [
          E("h2", { "data-replay-unmask": "" }, [T("Create an account")]),
          E("form", { id: "account-form" }, [field("account-name", "Full name", "text"), field("account-email", "E-mail", "email"), blocked("account-password"), track(buttons, E("button", { type: "submit" }, [T(masked("Create account"))]))]),
        ]),
        E("section", { id: "checkout" }, [
          E("h2", { "data-replay-unmask": "" }, [T("Checkout")]),
          E("form", { id: "checkout-form" }, [
            field("checkout-name", "Name on the order", "text"),
            field("checkout-email", "E-mail", "email"),
            field("checkout-address", "Delivery address", "text"),
            E("fieldset", {}, [E("legend", {}, [T(masked("Payment"))]), blocked("card-number"), blocked("card-cvc"), blocked("card-expiry")]),
            track(buttons, E("button", { type: "submit" }, [T(masked("Place order"))])),
          ]),
        ]),
      ]),
      E("footer", { class: "bottom" }, [track(buttons, E("button", { type: "button" }, [T(masked("Need help?"))])), track(buttons, E("button", { type: "button", class: "link" }, [T(masked("Privacy settings"))]))]),
    ]),
  ]);

  const doc: SNode = { type: NODE.document, id: id(), childNodes: [] };
  const doctype: SNode = { type: NODE.doctype, id: id(), name: "html", publicId: "", systemId: "" };
  doc.childNodes = [doctype, tree()];
  return { root: doc, nextId, buttons, inputs, cartText, statusText, recentList, recentItems, products };
}

export function countElements(node: unknown): number {
  const n = node as SNode & { childNodes?: unknown[] };
  return (n.type === NODE.element ? 1 : 0) + (n.childNodes ?? []).reduce<number>((sum, c) => sum + countElements(c), 0);
}

// What a visitor does in one 5-second upload window: ~2.5 KB of event JSON, as the SDK records a
// shopper (rrweb batches mouse positions every 500 ms, 10 samples each at the SDK's 50 ms sampling).
function windowEvents(page: Page, rand: () => number, from: number): ReplayEvent[] {
  const events: ReplayEvent[] = [];
  const at = (offset: number) => Math.round(from + offset);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  let x = 200 + rand() * 800;
  let y = 100 + rand() * 500;
  for (let k = 0; k < 6; k++) {
    const positions = Array.from({ length: 10 }, (_, i) => {
      x = Math.max(0, Math.min(1280, x + (rand() - 0.5) * 60));
      y = Math.max(0, Math.min(800, y + (rand() - 0.5) * 40));
      return { x: Math.round(x), y: Math.round(y), id: pick(page.products), timeOffset: -450 + i * 50 };
    });
    events.push({ type: EVENT.incremental, data: { source: SOURCE.mouseMove, positions }, timestamp: at(k * 800 + 500) });
  }
  for (const offset of [1200, 3400]) {
    const target = pick(page.buttons);
    for (const [i, type] of [MOUSE.mouseDown, MOUSE.mouseUp, MOUSE.click].entries()) {
      events.push({ type: EVENT.incremental, data: { source: SOURCE.mouseInteraction, type, id: target, x: Math.round(x), y: Math.round(y), pointerType: 0 }, timestamp: at(offset + i * 60) });
    }
  }
  const input = pick(page.inputs);
  events.push({ type: EVENT.incremental, data: { source: SOURCE.mouseInteraction, type: MOUSE.focus, id: input }, timestamp: at(2000) });
  const typed = Math.floor(3 + rand() * 10);
  for (let i = 1; i <= 4; i++) {
    events.push({ type: EVENT.incremental, data: { source: SOURCE.input, text: "*".repeat(Math.ceil((typed * i) / 4)), isChecked: false, id: input }, timestamp: at(2000 + i * 180) });
  }
  events.push({ type: EVENT.incremental, data: { source: SOURCE.mouseInteraction, type: MOUSE.blur, id: input }, timestamp: at(2900) });
  let scrollY = Math.floor(rand() * 1500);
  for (let i = 0; i < 3; i++) {
    scrollY = Math.max(0, scrollY + Math.round((rand() - 0.4) * 300));
    events.push({ type: EVENT.incremental, data: { source: SOURCE.scroll, id: 1, x: 0, y: scrollY }, timestamp: at(3800 + i * 150) });
  }
  // The page's own DOM changes: the cart counter and status text, a product highlighted, and the
  // "recently viewed" list gaining an item and losing its oldest.
  const added = page.nextId;
  page.nextId += 3;
  const oldest = page.recentItems.shift()!;
  page.recentItems.push(added);
  events.push({
    type: EVENT.incremental,
    data: {
      source: SOURCE.mutation,
      texts: [{ id: page.cartText, value: String(Math.floor(rand() * 9)) }, { id: page.statusText, value: masked(`${pick(WORDS)} added to your cart.`) }],
      attributes: [{ id: pick(page.products), attributes: { class: `product c${Math.floor(rand() * 60)} highlighted` } }],
      removes: [{ parentId: page.recentList, id: oldest }],
      adds: [
        {
          parentId: page.recentList,
          nextId: null,
          node: { type: NODE.element, id: added, tagName: "li", attributes: {}, childNodes: [{ type: NODE.element, id: added + 1, tagName: "a", attributes: { href: "/demo/shop" }, childNodes: [{ type: NODE.text, id: added + 2, textContent: masked(`${pick(WORDS)} ${pick(WORDS)}`) }] }] },
        },
      ],
    },
    timestamp: at(4400),
  });
  return events.sort((a, b) => a.timestamp - b.timestamp);
}

function pageLoad(page: Page, url: string, timestamp: number): ReplayEvent[] {
  return [
    { type: EVENT.meta, data: { href: url, width: 1280, height: 800 }, timestamp },
    { type: EVENT.fullSnapshot, data: { node: page.root, initialOffset: { left: 0, top: 0 } }, timestamp: timestamp + 1 },
  ];
}

// A session of `minutes`, cut into the SDK's 5-second upload windows; a new page (meta + full
// snapshot) every `pageEveryMinutes`, as a visitor moving through a shop would load.
export function generateSession(opts: { seed: number; minutes: number; endTs: number; url: string; pageEveryMinutes?: number }): ReplayEvent[][] {
  const rand = seededRandom(opts.seed);
  const windows = Math.max(1, Math.round((opts.minutes * 60_000) / FLUSH_INTERVAL_MS));
  const perPage = Math.max(1, Math.round(((opts.pageEveryMinutes ?? 5) * 60_000) / FLUSH_INTERVAL_MS));
  const start = opts.endTs - windows * FLUSH_INTERVAL_MS;
  const batches: ReplayEvent[][] = [];
  let page = buildPage(rand);
  for (let w = 0; w < windows; w++) {
    const from = start + w * FLUSH_INTERVAL_MS;
    const events: ReplayEvent[] = [];
    if (w % perPage === 0) {
      if (w > 0) page = buildPage(rand);
      events.push(...pageLoad(page, opts.url, from));
    }
    events.push(...windowEvents(page, rand, from + 10));
    batches.push(events);
  }
  return batches;
}

export function newSessionId(): string {
  return `s_${randomBytes(16).toString("base64url")}`;
}

// The body the SDK POSTs to /api/v1/ingest: the batch's JSON, gzip-compressed (CompressionStream
// uses zlib's default level), with the session's consent proof. The first batch carries the
// trigger, as after a support request.
export function ingestBody(opts: { siteKey: string; sessionId: string; consent: string; seq: number; events: ReplayEvent[]; url: string }): { body: Buffer; jsonBytes: number } {
  const batch: IngestBatch = { v: 1, siteKey: opts.siteKey, sessionId: opts.sessionId, consent: opts.consent, seq: opts.seq, events: opts.events, page: { url: opts.url } };
  if (opts.seq === 0) batch.trigger = { reason: "bench", kind: "ticket" };
  const json = Buffer.from(JSON.stringify(batch));
  return { body: gzipSync(json), jsonBytes: json.length };
}
