// Masking of rrweb events: M0 (everything masked unless a publisher unmasks it) and S1 (never
// collected). The same module runs in the recorder, before anything leaves the browser, and again at
// ingest on whatever the SDK sent, so an old or tampered SDK cannot get masked content stored in the
// clear. It works on serialized JSON only (no DOM, no Node APIs) and keeps a compact per-session
// state so that incremental events can be judged without the tree.
//
// Invariants:
// - Deny by default: every output field is rebuilt from what is understood here; unknown event
//   types, sources, node types and malformed values are dropped or masked, never passed through.
// - Strictness only grows down the tree: blocked > masked (explicit) > unmasked > default (masked).
//   Mask and block rules therefore win over unmask at any depth.
// - Nothing is unmasked until a full snapshot has been seen under the current rules: only then are
//   all masked and blocked ancestors of a node known.
// - Idempotent: masking the output again (the server re-masking the browser's output) changes
//   nothing. Blocked elements keep the block attribute as a marker because the attributes that made
//   them sensitive are gone, and they must stay blocked on the server.
//
// Blocked elements (S1, block attribute and selectors, and media) all take the shape rrweb itself
// gives a blockSelector match: same tag, no children, only `class` and `rr_width`/`rr_height`,
// plus the block attribute as a marker. The player already handles that shape, an SDK-blocked and
// a server-blocked element look the same, and keeping the tag keeps inline/replaced layout (a `div`
// in place of an inline `img` would reflow the line). A media tag without its source loads nothing.
import { matchesAt, newlyMatches, parseSelectorList, step, type Compound, type ElementLike, type Selector } from "./selectors";
import { BLOCK_ATTRIBUTE, S1_RULES } from "./sensitive";

export { BLOCK_ATTRIBUTE };
export const UNMASK_ATTRIBUTE = "data-replay-unmask";
export const MASK_ATTRIBUTE = "data-replay-mask";
// Media are blocked by this module whatever the SDK does. Adding this to rrweb's blockSelector lets
// the recorder measure their box (rr_width/rr_height); otherwise only width/height attributes size it.
export const MEDIA_SELECTOR = "img,picture,video,audio,canvas,iframe,frame,object,embed,image,input[type=image i]";
// The one custom event whose payload survives (its message masked): errors are marked in replays.
export const ERROR_EVENT_TAG = "replaydesk:error";

export type ReplayEvent = { type: number; data: unknown; timestamp: number; delay?: number };
export type MaskingRules = { maskSelectors: string[]; unmaskSelectors: string[]; blockSelectors: string[] };
// Id lists are sorted and run-length encoded: a negative entry -k after id n stands for n+1..n+k
// (a subtree's ids are consecutive, so an unmasked <main> of 5,000 nodes costs two numbers).
export type MaskState = {
  v: 1;
  // Fingerprint of the rules the state was built with; under other rules nothing is unmasked until
  // the next full snapshot.
  rules: string;
  // A full snapshot has been seen and nothing since made the state unreliable.
  synced: boolean;
  unmasked: number[];
  blocked: number[];
  // Elements masked explicitly (rule or attribute): an unmask rule below them must not win.
  masked: number[];
  // <style> elements and their text nodes: CSS, kept for layout.
  css: number[];
  // [id, rule]: elements unmasked by a rule of their own (not inherited), to notice when they lose it.
  roots: number[][];
  // [id, ...progress] for elements under a partial match of a descendant selector (`form .card`),
  // one entry per such selector: 2 * compounds matched so far + 1 if this element matched the last.
  ctx: number[][];
};
export interface Masker {
  // null: the event must be dropped (input into a blocked field, canvas drawing, console logs,
  // unknown or malformed events).
  mask(event: ReplayEvent): ReplayEvent | null;
  state(): MaskState;
}

export function maskText(text: string): string {
  return text.replace(/\S/g, "*");
}

const DEFAULT = 0;
const UNMASKED = 1;
const MASKED = 2;
const BLOCKED = 3;
type Status = typeof DEFAULT | typeof UNMASKED | typeof MASKED | typeof BLOCKED;

const [DOCUMENT, DOCTYPE, ELEMENT, TEXT, CDATA, COMMENT] = [0, 1, 2, 3, 4, 5];
const MUTATION = 0;
const INPUT = 5;

type Json = Record<string, unknown>;
// p: per descendant selector, (leading compounds matched by the ancestors-or-self << 1) | 1 when
// this element is the one that matched the last of them.
// rule: index of the rule the element matched itself, when stricter than what it inherits (kept for
// unmask rules, to notice when the element stops matching it); -1 if none.
type Ctx = { readonly s: Status; readonly p: readonly number[]; readonly tag: string; readonly rule: number };
type Rule = { readonly kind: Status; readonly sel: Selector; readonly slot: number };

// Other incremental sources, rebuilt by `keep`: true = their strings are CSS (style sheet rules,
// style declarations, adopted style sheets, custom element names), false = numbers only (pointer,
// scroll, viewport, media, selection). Absent (canvas drawing, fonts, console logs, newer): dropped.
const SOURCES: Record<number, boolean> = { 1: false, 2: false, 3: false, 4: false, 6: false, 7: false, 12: false, 14: false, 8: true, 13: true, 15: true, 16: true };
// Field names those events may carry; any other field is dropped with its value.
const FIELDS = new Set(
  ("source x y id type timeOffset pointerType width height currentTime volume muted loop playbackRate positions ranges start startOffset end endOffset " +
    "styleId styleIds removes adds replace replaceSync index rule rules set remove property value priority styles define name").split(" "),
);

const MARKERS = new Set([UNMASK_ATTRIBUTE, MASK_ATTRIBUTE, BLOCK_ATTRIBUTE]);
const TEXT_ATTRIBUTES = new Set([
  "value", "placeholder", "title", "alt", "label", "content", "summary", "abbr", "download",
  "aria-label", "aria-description", "aria-valuetext", "aria-placeholder", "aria-roledescription",
]);
const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "poster", "xlink:href", "cite", "background", "ping", "rr_src"]);

const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v > 0;
const str = (v: unknown) => (typeof v === "string" ? v : "");
const objects = (v: unknown) => (Array.isArray(v) ? v.filter(isObj) : []);

// Copies the listed fields that hold numbers, booleans or null: nothing textual.
function plain(src: Json, keys: readonly string[], out: Json = {}): Json {
  for (const k of keys) {
    const v: unknown = src[k];
    if (typeof v === "number" || typeof v === "boolean" || v === null) out[k] = v;
  }
  return out;
}

// Query strings and fragments carry emails, tokens and search terms, userinfo carries passwords,
// and non-http schemes carry their payload in the "path" (mailto:, tel:, data:, javascript:).
function cleanUrl(url: string): string {
  const u = url.trim();
  const scheme = /^([a-z][a-z\d+.-]*):/i.exec(u)?.[1];
  if (scheme && !/^https?$/i.test(scheme)) return `${scheme}:`;
  return u.replace(/[?#][\s\S]*/, "").replace(/^((?:https?:)?\/\/)[^/@]*@/i, "$1");
}

// CSS is kept (layout depends on it) but url(...) loses its query string. A linear scan rather than
// a regex: a style sheet is attacker-sized input on the server. Fragments stay (`url(#clip)`) and
// data: URLs stay (inline assets, often large, never carrying a query).
function cleanCss(css: string): string {
  const lower = css.toLowerCase();
  let out = "";
  let from = 0;
  for (let at = lower.indexOf("url(", from); at >= 0; at = lower.indexOf("url(", from)) {
    let i = at + 4;
    while (/\s/.test(css[i] ?? "")) i++;
    const q = css[i];
    const quote = q === '"' || q === "'" ? q : ")";
    if (quote !== ")") i++;
    const end = css.indexOf(quote, i);
    if (end < 0) break;
    const url = css.slice(i, end);
    out += css.slice(from, i) + (/^\s*data:/i.test(url) ? url : url.replace(/\?[^#]*/, ""));
    from = end;
  }
  return out + css.slice(from);
}

function cleanStyle(v: unknown): unknown {
  if (typeof v === "string") return cleanCss(v);
  if (!isObj(v)) return undefined;
  // rrweb's style diff in attribute mutations: { property: value | [value, priority] | false }.
  const out: Json = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === "string") out[k] = cleanCss(x);
    else if (Array.isArray(x)) out[k] = x.map((part: unknown) => cleanCss(str(part)));
    else if (x === false) out[k] = false;
  }
  return out;
}

function cleanAttributes(src: Json, clear: boolean): Json {
  const out: Json = {};
  for (const name of Object.keys(src)) {
    const v = src[name];
    const n = name.toLowerCase();
    if (v === null) out[name] = null; // removal, in mutations
    // srcset only matters on media, which are blocked anyway.
    else if (n.startsWith("on") || n === "srcdoc" || n === "rr_dataurl" || n.endsWith("srcset")) continue;
    else if (n === "style" || n === "_csstext") {
      const style = cleanStyle(v);
      if (style !== undefined) out[name] = style;
    } else if (typeof v === "string" || typeof v === "number") {
      if (URL_ATTRIBUTES.has(n)) out[name] = cleanUrl(String(v));
      else if (!clear && !MARKERS.has(n) && (TEXT_ATTRIBUTES.has(n) || n.startsWith("data-"))) out[name] = maskText(String(v));
      else out[name] = v;
    } else if (typeof v === "boolean") out[name] = v;
  }
  return out;
}

const px = (v: unknown) => {
  const m = typeof v === "string" || typeof v === "number" ? /^(\d+(?:\.\d+)?)(?:px)?$/.exec(String(v)) : null;
  return m ? `${m[1]}px` : undefined;
};

function blockedElement(raw: Json, id: number, tagName: string, attrs: Json): Json {
  const attributes: Json = { [BLOCK_ATTRIBUTE]: "" };
  if (typeof attrs.class === "string") attributes.class = attrs.class;
  const width = px(attrs.rr_width) ?? px(attrs.width);
  const height = px(attrs.rr_height) ?? px(attrs.height);
  if (width) attributes.rr_width = width;
  if (height) attributes.rr_height = height;
  return plain(raw, ["isSVG", "rootId", "isShadow"], { type: ELEMENT, id, tagName, attributes, childNodes: [] });
}

// Rebuilds an incremental event from FIELDS: numbers and booleans as they are, strings only as CSS
// (when `css`), nothing else. Depth-bounded: the shapes are shallow and the input may be hostile.
function keep(v: unknown, css: boolean, depth = 0): unknown {
  if (typeof v === "number" || typeof v === "boolean" || v === null) return v;
  if (typeof v === "string") return css ? cleanCss(v) : null;
  if (typeof v !== "object" || depth > 5) return null;
  if (Array.isArray(v)) return v.map((x: unknown) => keep(x, css, depth + 1));
  const out: Json = {};
  for (const [k, x] of Object.entries(v)) if (FIELDS.has(k)) out[k] = keep(x, css, depth + 1);
  return out;
}

function encodeIds(ids: number[]): number[] {
  ids.sort((a, b) => a - b);
  const out: number[] = [];
  for (let i = 0; i < ids.length; ) {
    let j = i;
    while (j + 1 < ids.length && ids[j + 1] === (ids[j] ?? 0) + 1) j++;
    out.push(ids[i] ?? 0);
    if (j > i) out.push(i - j);
    i = j + 1;
  }
  return out;
}

// null when the list is not a valid encoding: the whole state is then ignored.
function decodeIds(list: unknown): number[] | null {
  if (!Array.isArray(list)) return null;
  const out: number[] = [];
  for (const v of list) {
    const last = out[out.length - 1];
    if (isId(v)) out.push(v);
    else if (typeof v === "number" && Number.isSafeInteger(v) && v < 0 && last !== undefined && v >= -(1 << 24)) {
      for (let k = 1; k <= -v; k++) out.push(last + k);
    } else return null;
  }
  return out;
}

// FNV-1a: a fingerprint for "same rules", not a security measure.
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

function compile(rules: MaskingRules): { list: Rule[]; slots: number; rulesId: string } {
  const parse = (sources: string[]) => sources.flatMap((s) => parseSelectorList(s));
  // Strictest first: classification stops looking once nothing stricter can match.
  const groups: [Status, Selector[]][] = [
    [BLOCKED, [...S1_RULES, ...parse([MEDIA_SELECTOR, ...rules.blockSelectors])]],
    [MASKED, parse([`[${MASK_ATTRIBUTE}]`, ...rules.maskSelectors])],
    [UNMASKED, parse([`[${UNMASK_ATTRIBUTE}]`, ...rules.unmaskSelectors])],
  ];
  let slots = 0;
  const list = groups.flatMap(([kind, sels]) => sels.map((sel) => ({ kind, sel, slot: sel.compounds.length > 1 ? slots++ : -1 })));
  return { list, slots, rulesId: fingerprint(list.map((r) => `${r.kind}${r.sel.source}`).join("\n")) };
}

// Throws if a selector is outside the supported subset (see selectors.ts): recording or ingesting
// with a rule silently ignored could expose what the rule protects.
export function createMasker(rules: MaskingRules, saved?: MaskState): Masker {
  const { list, slots, rulesId } = compile(rules);
  const zero: readonly number[] = new Array<number>(slots).fill(0);
  const root: Ctx = { s: DEFAULT, p: zero, tag: "", rule: -1 };
  const status = new Map<number, Status>(); // absent = DEFAULT
  const progress = new Map<number, readonly number[]>(); // absent = zero
  const roots = new Map<number, number>(); // id -> index in list of the unmask rule it matched
  const css = new Set<number>();
  let synced = false;

  function set(id: number, s: Status): void {
    if (s === DEFAULT) status.delete(id);
    else status.set(id, s);
  }

  function remember(id: number, s: Status, p: readonly number[], isCss: boolean, rule = -1): void {
    set(id, s);
    if (s === UNMASKED && rule >= 0) roots.set(id, rule);
    else roots.delete(id);
    if (p.some((n) => n > 0)) progress.set(id, p);
    else progress.delete(id);
    if (isCss) css.add(id);
    else css.delete(id);
  }

  function forget(id: number): void {
    status.delete(id);
    progress.delete(id);
    roots.delete(id);
    css.delete(id);
  }

  function restore(s: MaskState): void {
    const [unmasked, masked, blocked, styles] = [s.unmasked, s.masked, s.blocked, s.css].map(decodeIds);
    if (!unmasked || !masked || !blocked || !styles) return;
    // Built under other rules, the state says nothing reliable about what may be unmasked.
    const sameRules = s.rules === rulesId;
    synced = sameRules && s.synced === true;
    if (synced) for (const id of unmasked) status.set(id, UNMASKED);
    for (const id of masked) status.set(id, MASKED);
    for (const id of blocked) status.set(id, BLOCKED);
    for (const id of styles) css.add(id);
    if (!sameRules) return;
    for (const entry of Array.isArray(s.ctx) ? s.ctx : []) {
      const [id, ...p] = Array.isArray(entry) ? entry : [];
      if (isId(id) && p.length === slots && p.every((n) => Number.isSafeInteger(n) && n >= 0)) progress.set(id, p);
    }
    for (const entry of Array.isArray(s.roots) ? s.roots : []) {
      const [id, rule] = Array.isArray(entry) ? entry : [];
      if (isId(id) && status.get(id) === UNMASKED && typeof rule === "number" && list[rule]?.kind === UNMASKED) roots.set(id, rule);
    }
  }
  if (saved?.v === 1) restore(saved);

  function ctxOf(id: number): Ctx {
    return { s: status.get(id) ?? DEFAULT, p: progress.get(id) ?? zero, tag: css.has(id) ? "style" : "", rule: -1 };
  }

  function enter(el: ElementLike, up: Ctx): Ctx {
    const p = up.p.slice();
    let hit: Status = DEFAULT;
    let rule = -1;
    for (let i = 0; i < list.length; i++) {
      const r = list[i];
      if (!r) continue;
      const at = r.slot < 0 ? 0 : (up.p[r.slot] ?? 0) >> 1;
      if (r.kind > hit && r.kind > up.s && matchesAt(r.sel, at, el)) {
        hit = r.kind;
        rule = i;
      }
      if (r.slot >= 0) {
        const next = step(r.sel, at, el);
        p[r.slot] = (next << 1) | (next > at ? 1 : 0);
      }
    }
    let s: Status = hit > up.s ? hit : up.s;
    if (s === UNMASKED && !synced) s = DEFAULT;
    return { s, p, tag: el.tagName.toLowerCase(), rule };
  }

  // Iterative: a tampered SDK can send a tree deep enough to overflow the stack of a recursion.
  function tree(rootNode: unknown, parent: Ctx): Json | null {
    const top: Json[] = [];
    const stack: { raw: unknown; up: Ctx; into: Json[] | null }[] = [{ raw: rootNode, up: parent, into: top }];
    const descend = (kids: unknown, up: Ctx, into: Json[] | null) => {
      const items = Array.isArray(kids) ? kids : [];
      for (let k = items.length - 1; k >= 0; k--) stack.push({ raw: items[k], up, into });
    };
    for (let t = stack.pop(); t; t = stack.pop()) {
      const { raw, up, into } = t;
      if (!isObj(raw) || !isId(raw.id)) continue;
      const id = raw.id;
      if (!into || up.s === BLOCKED) {
        // Inside a blocked element nothing is emitted; ids are kept so later events on them drop.
        remember(id, BLOCKED, zero, false);
        descend(raw.childNodes, up, null);
        continue;
      }
      const type = raw.type;
      if (type === ELEMENT && typeof raw.tagName === "string") {
        const attributes = isObj(raw.attributes) ? raw.attributes : {};
        const ctx = enter({ tagName: raw.tagName, attributes }, up);
        remember(id, ctx.s, ctx.p, ctx.tag === "style", ctx.rule);
        if (ctx.s === BLOCKED) {
          into.push(blockedElement(raw, id, raw.tagName, attributes));
          descend(raw.childNodes, ctx, null);
          continue;
        }
        const childNodes: Json[] = [];
        into.push(plain(raw, ["isSVG", "isCustom", "isShadowHost", "rootId", "isShadow"], { type, id, tagName: raw.tagName, attributes: cleanAttributes(attributes, ctx.s === UNMASKED), childNodes }));
        // Script text never leaves (rrweb drops it too); its node ids stay unknown, hence masked.
        if (ctx.tag !== "script") descend(raw.childNodes, ctx, childNodes);
      } else if (type === TEXT || type === CDATA || type === COMMENT) {
        if (up.tag === "script") continue;
        const isCss = type === TEXT && up.tag === "style";
        const clear = up.s === UNMASKED && !isCss;
        const text = str(raw.textContent);
        remember(id, clear ? UNMASKED : DEFAULT, zero, isCss);
        const node = plain(raw, ["rootId", "isShadow"], { type, id, textContent: isCss ? cleanCss(text) : clear ? text : maskText(text) });
        if (isCss) node.isStyle = true;
        into.push(node);
      } else if (type === DOCUMENT) {
        const childNodes: Json[] = [];
        forget(id);
        const node = plain(raw, ["rootId"], { type, id, childNodes });
        if (typeof raw.compatMode === "string") node.compatMode = raw.compatMode;
        into.push(node);
        descend(raw.childNodes, up, childNodes);
      } else if (type === DOCTYPE) {
        into.push(plain(raw, ["rootId"], { type, id, name: str(raw.name), publicId: str(raw.publicId), systemId: str(raw.systemId) }));
      }
    }
    return top[0] ?? null;
  }

  // Without the tree, the descendants of an element whose attributes changed cannot be found, so
  // a change that may tighten its subtree (or loosen a match that unmasked it) leaves their recorded
  // state stale, and a node added under them later could be unmasked wrongly. Unmasking stops until
  // the next full snapshot. Only changes that could matter trigger it (see reclassify).
  function giveUpUnmasking(): void {
    for (const [id, s] of status) if (s === UNMASKED) status.delete(id);
    roots.clear();
    synced = false;
  }

  // An attribute mutation carries only the changed attributes (not the tag nor the others). Mask
  // and block rules that could now match are taken as matching (over-masking is safe); unmask rules
  // must match for sure and apply to the element from now on (its descendants stay masked until
  // re-added: content sent masked cannot be recovered anyway). Blocked and explicitly masked stay so
  // (a password field switched to type=text to show the password is still a password field).
  function reclassify(id: number, changed: Json): Status | undefined {
    const s = status.get(id) ?? DEFAULT;
    if (s === BLOCKED) return undefined;
    const result = (c: Compound | undefined) => (c ? newlyMatches(c, changed) : "unchanged");
    const could = (c: Compound | undefined) => /^(?:yes|maybe)$/.test(result(c));
    const p = [...(progress.get(id) ?? zero)];
    let next: Status = s;
    let unmaskedBy = -1;
    let lostRoot = false;
    let stale = false;
    list.forEach(({ kind, sel, slot }, i) => {
      const cs = sel.compounds;
      const last = cs[cs.length - 1];
      if (kind === UNMASKED) {
        if (unmaskedBy < 0 && cs.length === 1 && result(last) === "yes") unmaskedBy = i;
        lostRoot ||= roots.get(id) === i && result(last) === "no";
      } else if (kind > next && could(last)) {
        next = kind;
      }
      if (slot < 0) return;
      // Greedy progress is exact, so only the compound this element matched (own bit set) or the
      // next one it could match (own bit clear) can change it.
      const v = p[slot] ?? 0;
      const at = v >> 1;
      if (v & 1) {
        stale ||= kind === UNMASKED && result(cs[at - 1]) === "no";
      } else if (at < cs.length - 1 && (kind === UNMASKED ? result(cs[at]) === "yes" : could(cs[at]))) {
        p[slot] = ((at + 1) << 1) | 1;
        stale ||= kind !== UNMASKED;
      }
    });
    if (stale || (lostRoot && unmaskedBy < 0) || (s < MASKED && next >= MASKED)) giveUpUnmasking();
    if (p.some((n) => n > 0)) progress.set(id, p);
    if (next === DEFAULT && unmaskedBy >= 0) next = UNMASKED;
    if (next === UNMASKED && !synced) next = DEFAULT;
    if (lostRoot && unmaskedBy >= 0 && synced) roots.set(id, unmaskedBy);
    if (next === (status.get(id) ?? DEFAULT)) return undefined;
    set(id, next);
    if (next === UNMASKED) roots.set(id, unmaskedBy);
    return next;
  }

  function mutation(d: Json): Json {
    const removes: Json[] = [];
    for (const r of objects(d.removes)) {
      if (!isId(r.id) || !isId(r.parentId)) continue;
      // A child of a blocked element was never emitted.
      if (status.get(r.parentId) !== BLOCKED) removes.push(plain(r, ["parentId", "id", "isShadow"]));
      forget(r.id);
    }
    // Status changes first: adds, texts and attributes of this same mutation must see them.
    const changes: [number, Json][] = [];
    for (const m of objects(d.attributes)) if (isId(m.id) && isObj(m.attributes)) changes.push([m.id, m.attributes]);
    const turned = changes.map(([id, changed]) => reclassify(id, changed));
    const adds: Json[] = [];
    for (const a of objects(d.adds)) {
      const node = isId(a.parentId) ? tree(a.node, ctxOf(a.parentId)) : null;
      if (node) adds.push({ ...plain(a, ["parentId", "nextId", "previousId"]), node });
    }
    const attributes: Json[] = [];
    changes.forEach(([id, changed], i) => {
      const s = status.get(id) ?? DEFAULT;
      if (s === BLOCKED) {
        if (turned[i] === BLOCKED) attributes.push({ id, attributes: { [BLOCK_ATTRIBUTE]: "" } });
        return;
      }
      attributes.push({ id, attributes: cleanAttributes(changed, s === UNMASKED) });
    });
    const texts: Json[] = [];
    for (const t of objects(d.texts)) {
      if (!isId(t.id) || status.get(t.id) === BLOCKED) continue;
      const v = t.value;
      const value = typeof v !== "string" ? null : css.has(t.id) ? cleanCss(v) : status.get(t.id) === UNMASKED ? v : maskText(v);
      texts.push({ id: t.id, value });
    }
    return { source: MUTATION, texts, attributes, removes, adds, ...plain(d, ["isAttachIframe"]) };
  }

  function incremental(d: Json): Json | null {
    const source = d.source;
    if (source === MUTATION) return mutation(d);
    if (source === INPUT) {
      const s = isId(d.id) ? status.get(d.id) : BLOCKED;
      if (s === BLOCKED) return null;
      const text = str(d.text);
      return plain(d, ["isChecked", "userTriggered"], { source, id: d.id, text: s === UNMASKED ? text : maskText(text) });
    }
    const css = typeof source === "number" ? SOURCES[source] : undefined;
    return css === undefined ? null : (keep(d, css) as Json);
  }

  function data(type: number, d: Json): Json | null {
    switch (type) {
      case 0: // DomContentLoaded
      case 1: // Load
        return {};
      case 2: {
        // A full snapshot re-emits the whole tree: the state starts over from it.
        status.clear();
        progress.clear();
        roots.clear();
        css.clear();
        synced = true;
        const node = tree(d.node, root);
        if (!node) synced = false;
        const offset = isObj(d.initialOffset) ? d.initialOffset : {};
        return node && { node, initialOffset: plain(offset, ["top", "left"]) };
      }
      case 3:
        return incremental(d);
      case 4: // Meta
        return { href: cleanUrl(str(d.href)), ...plain(d, ["width", "height"]) };
      case 5: {
        // Custom: an error message can quote personal data, so even that one is masked.
        const p = d.payload;
        const message = d.tag === ERROR_EVENT_TAG && isObj(p) && typeof p.message === "string" ? { message: maskText(p.message) } : {};
        return { tag: str(d.tag), payload: message };
      }
      case 6: // Plugin (console recorder and the like): the name only.
        return { plugin: str(d.plugin), payload: {} };
      default:
        return null;
    }
  }

  function mask(event: ReplayEvent): ReplayEvent | null {
    const e: unknown = event;
    if (!isObj(e) || typeof e.type !== "number" || typeof e.timestamp !== "number" || !isObj(e.data)) return null;
    const out = data(e.type, e.data);
    if (!out) return null;
    return { type: e.type, data: out, timestamp: e.timestamp, ...(typeof e.delay === "number" ? { delay: e.delay } : {}) };
  }

  function state(): MaskState {
    const ids = (kind: Status) => encodeIds([...status].filter(([, s]) => s === kind).map(([id]) => id));
    return {
      v: 1,
      rules: rulesId,
      synced,
      unmasked: ids(UNMASKED),
      blocked: ids(BLOCKED),
      masked: ids(MASKED),
      css: encodeIds([...css]),
      roots: [...roots],
      ctx: [...progress].map(([id, p]) => [id, ...p]),
    };
  }

  return { mask, state };
}
