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
// Outside text nodes (security review M3), masked content keeps only what the layout needs:
// - attribute values are denied by default: a short layout allow-list is kept, form values and
//   placeholders are masked like text, and `class` and `id` names become keyed hashes (`rd-…`), the
//   same in the DOM and in the CSS, so style rules still apply (names the site's own selectors use
//   stay as written: they are the publisher's, and the server's second pass must match them);
// - URLs are reduced to origin and path, with the path's segments masked (lib/replay/page-path.ts);
// - CSS keeps its rules, but the strings of `content:` and custom properties are masked;
// - form state (checked, selected) is masked unless the field is unmasked.
// Every single string is capped before any of this (a string is attacker-sized input at ingest).
//
// Blocked elements (S1, block attribute and selectors, and media) all take the shape rrweb itself
// gives a blockSelector match: same tag, no children, only `class` and `rr_width`/`rr_height`,
// plus the block attribute as a marker. The player already handles that shape, an SDK-blocked and
// a server-blocked element look the same, and keeping the tag keeps inline/replaced layout (a `div`
// in place of an inline `img` would reflow the line). A media tag without its source loads nothing.
import { maskUrl } from "./page-path";
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
// Added by the server to the batch that carries a recording's first trigger (lib/ingest), at its
// last event's time on the device's clock: where the viewer opens and what it lists as "help requested".
export const TRIGGER_EVENT_TAG = "replaydesk:trigger";

// Longest single string kept (text, attribute value, URL) and longest CSS text; longer ones are cut.
export const MAX_STRING_CHARS = 64 * 1024;
export const MAX_CSS_CHARS = 1024 * 1024;

export type ReplayEvent = { type: number; data: unknown; timestamp: number; delay?: number };
// pathSegmentAllowList: the URL path segments the site shows as written (page-path.ts).
export type MaskingRules = { maskSelectors: string[]; unmaskSelectors: string[]; blockSelectors: string[]; pathSegmentAllowList?: string[] };
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
  // The key of the class and id name hashes: random per masker, kept so that a recording's names
  // hash the same across its chunks. Never sent anywhere by the browser.
  key?: number[];
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

const cap = (text: string, max = MAX_STRING_CHARS) => (text.length > max ? text.slice(0, max) : text);

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
// Kept as they are on masked elements: what rendering and layout need, nothing that names anyone.
const LAYOUT_ATTRIBUTES = new Set(
  ("type role dir lang width height size cols rows colspan rowspan span hidden disabled readonly required multiple open rel media " +
    "align valign border cellpadding cellspacing nowrap aria-hidden aria-expanded rr_width rr_height rr_scrollleft rr_scrolltop " +
    "viewbox d points x y x1 y1 x2 y2 cx cy r rx ry fill stroke stroke-width stroke-linecap stroke-linejoin stroke-dasharray " +
    "fill-rule clip-rule opacity fill-opacity stroke-opacity transform preserveaspectratio xmlns xmlns:xlink version offset stop-color stop-opacity").split(" "),
);
// Rendered as text: masked like text, length kept.
const TEXT_ATTRIBUTES = new Set(["value", "placeholder", "label"]);
// Form state: which option was chosen is personal data too.
const STATE_ATTRIBUTES = new Set(["checked", "selected"]);
const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "poster", "xlink:href", "cite", "background", "ping", "rr_src"]);
const HASHED_NAME = /^rd-[\da-z]+$/;

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

const px = (v: unknown) => {
  const m = typeof v === "string" || typeof v === "number" ? /^(\d+(?:\.\d+)?)(?:px)?$/.exec(String(v)) : null;
  return m ? `${m[1]}px` : undefined;
};

// CSS identifiers (escapes included) and their value once unescaped, as a browser's tokenizer reads
// them: `.md\:flex` in a style sheet is the class "md:flex" of the DOM.
const IDENT = /-?(?:[A-Za-z_\u0080-\uffff]|\\[^\n])(?:[\w\u0080-\uffff-]|\\[^\n])*|--(?:[\w\u0080-\uffff-]|\\[^\n])*/y;
const unescapeIdent = (text: string) =>
  text.replace(/\\(?:([\da-f]{1,6})[ \t\n\r\f]?|([^\n]))/gi, (_, hex: string | undefined, ch: string | undefined) => ch ?? String.fromCodePoint(Math.min(parseInt(hex!, 16) || 0xfffd, 0x10ffff)));
const HEX_COLOR = /^(?:[\da-f]{3,4}|[\da-f]{6}|[\da-f]{8})$/i;

// A class or id name as a keyed 53-bit hash (cyrb53 with a 64-bit key): stable within one masker
// (one recording), unguessable without the key, so masked replays neither show "hiv-positive"
// nor let anyone test names against a dictionary.
function hashName(name: string, key: readonly number[]): string {
  let h1 = 0xdeadbeef ^ (key[0] ?? 0);
  let h2 = 0x41c6ce57 ^ (key[1] ?? 0);
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `rd-${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}`;
}

// CSS is kept (layout depends on it), in one linear pass (a style sheet is attacker-sized input):
// url(...) loses its query string (fragments and data: URLs stay); `.class` and `#id` selectors get
// the names' hashes (hex colours stay); the strings in `content:` and custom property values are
// masked; comments go. Only the characters that can matter are looked at (CSS_STOP); the runs of
// names, numbers and spaces between them are copied whole.
const CSS_STOP = /url\(|[^\w\s-]/gi;
const CSS_STRING_STOP = /[\\\n"']/g;
const DECLARED_PROPERTY = /^\s*(content|--[\w-]*)\s*$/i;

function cleanCss(text: string, name: (raw: string) => string): string {
  const css = cap(text, MAX_CSS_CHARS);
  let out = "";
  let from = 0;
  // Where the current declaration starts, whether only a name (and spaces, comments) came since,
  // and whether the strings of the value being read are masked.
  let declaration = 0;
  let nameOnly = true;
  let masking = false;
  // Closing characters known to be absent from the rest of the text: not searched for again.
  const absent = new Set<string>();
  CSS_STOP.lastIndex = 0;
  for (let m = CSS_STOP.exec(css); m; m = CSS_STOP.exec(css)) {
    const i = m.index;
    const c = m[0];
    let j = i + c.length;
    let piece: string | null = null;
    if (c === '"' || c === "'") {
      for (CSS_STRING_STOP.lastIndex = j; ; ) {
        const q = CSS_STRING_STOP.exec(css);
        j = q ? q.index : css.length;
        if (q?.[0] !== "\\" || j + 2 > css.length) break;
        CSS_STRING_STOP.lastIndex = j + 2;
      }
      const body = css.slice(i + 1, j);
      piece = c + (masking ? maskText(body) : body) + (css[j] === c ? c : "");
      if (css[j] === c) j++;
    } else if (c === "/" && css[j] === "*") {
      const end = absent.has("*/") ? -1 : css.indexOf("*/", j + 1);
      if (end < 0) absent.add("*/");
      piece = " ";
      j = end < 0 ? css.length : end + 2;
    } else if (c === "\\") {
      j = i + 2;
    } else if (c === "." || c === "#") {
      IDENT.lastIndex = j;
      const ident = IDENT.exec(css);
      if (ident) {
        const raw = unescapeIdent(ident[0]);
        piece = c + (c === "#" && HEX_COLOR.test(raw) ? ident[0] : name(raw));
        j = IDENT.lastIndex;
      }
    } else if (c.length === 4) {
      // url(: a quoted URL takes its closing quote along (it must not open a string).
      let k = j;
      while (/\s/.test(css[k] ?? "")) k++;
      const quote = css[k] === '"' || css[k] === "'" ? css[k]! : ")";
      if (quote !== ")") k++;
      const end = absent.has(quote) ? -1 : css.indexOf(quote, k);
      if (end < 0) absent.add(quote);
      else {
        const url = css.slice(k, end);
        piece = css.slice(i, k) + (/^\s*data:/i.test(url) ? url : url.replace(/\?[^#]*/, "")) + (quote === ")" ? "" : quote);
        j = quote === ")" ? end : end + 1;
      }
    }
    if (c === ";" || c === "{" || c === "}") {
      [declaration, nameOnly, masking] = [j, true, false];
    } else if (c === ":") {
      masking = nameOnly && DECLARED_PROPERTY.test(css.slice(declaration, i).replace(/\/\*[\s\S]*?\*\//g, " "));
      nameOnly = false;
    } else if (piece !== " ") {
      nameOnly = false;
    }
    out += css.slice(from, i) + (piece ?? css.slice(i, j));
    from = j;
    CSS_STOP.lastIndex = j;
  }
  return out + css.slice(from);
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

function compile(rules: MaskingRules): { list: Rule[]; slots: number; rulesId: string; names: Set<string> } {
  const parse = (sources: string[]) => sources.flatMap((s) => parseSelectorList(s));
  // Strictest first: classification stops looking once nothing stricter can match.
  const groups: [Status, Selector[]][] = [
    [BLOCKED, [...S1_RULES, ...parse([MEDIA_SELECTOR, ...rules.blockSelectors])]],
    [MASKED, parse([`[${MASK_ATTRIBUTE}]`, ...rules.maskSelectors])],
    [UNMASKED, parse([`[${UNMASK_ATTRIBUTE}]`, ...rules.unmaskSelectors])],
  ];
  let slots = 0;
  const list = groups.flatMap(([kind, sels]) => sels.map((sel) => ({ kind, sel, slot: sel.compounds.length > 1 ? slots++ : -1 })));
  // The class and id names the site's selectors use: kept as written, so that the selectors still
  // match the masked output when the server masks it again.
  const names = new Set<string>();
  for (const { sel } of list) for (const c of sel.compounds) for (const t of c.tests) if ((t.name === "class" && t.op === "~=") || (t.name === "id" && t.op === "=")) names.add(t.value);
  return { list, slots, rulesId: fingerprint(list.map((r) => `${r.kind}${r.sel.source}`).join("\n")), names };
}

// Throws if a selector is outside the supported subset (see selectors.ts): recording or ingesting
// with a rule silently ignored could expose what the rule protects.
export function createMasker(rules: MaskingRules, saved?: MaskState): Masker {
  const { list, slots, rulesId, names } = compile(rules);
  const allowList = (rules.pathSegmentAllowList ?? []).map((segment) => segment.toLowerCase());
  const savedKey = saved?.v === 1 && Array.isArray(saved.key) ? saved.key : [];
  const key = savedKey.length === 2 && savedKey.every((k) => Number.isInteger(k)) ? savedKey : Array.from(crypto.getRandomValues(new Uint32Array(2)));
  // Pages repeat their class names endlessly: hashes are remembered (a bounded number of them).
  const hashed = new Map<string, string>();
  const name = (raw: string) => {
    if (names.has(raw) || HASHED_NAME.test(raw)) return raw;
    let h = hashed.get(raw);
    if (h === undefined) {
      if (hashed.size >= 4096) hashed.clear();
      hashed.set(raw, (h = hashName(raw, key)));
    }
    return h;
  };
  const sheet = (text: string) => cleanCss(text, name);
  // One declaration's value (style diffs, style declaration events), read as CSS after its property.
  const declaration = (property: string, value: string) => sheet(`${property}:${value}`).slice(property.length + 1);
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

  function styleValue(v: unknown): unknown {
    if (typeof v === "string") return sheet(v);
    if (!isObj(v)) return undefined;
    // rrweb's style diff in attribute mutations: { property: value | [value, priority] | false }.
    const out: Json = {};
    for (const [k, x] of Object.entries(v)) {
      if (!/^-{0,2}[a-z][\w-]{0,255}$/i.test(k)) continue;
      if (typeof x === "string") out[k] = declaration(k, x);
      else if (Array.isArray(x)) out[k] = x.map((part: unknown, i) => (i === 0 ? declaration(k, str(part)) : sheet(str(part))));
      else if (x === false) out[k] = false;
    }
    return out;
  }

  // Deny by default on masked elements (see the header); unmasked ones keep their attributes, but
  // URLs, CSS and names are reduced the same way (the CSS is shared by all elements).
  function attributes(src: Json, clear: boolean): Json {
    const out: Json = {};
    for (const attr of Object.keys(src)) {
      const n = attr.toLowerCase();
      const raw = src[attr];
      if (n.startsWith("on") || n === "srcdoc" || n === "rr_dataurl" || n.endsWith("srcset") || n.length > 256 || n === "__proto__") continue;
      const shown = clear || MARKERS.has(n) || LAYOUT_ATTRIBUTES.has(n) || TEXT_ATTRIBUTES.has(n) || URL_ATTRIBUTES.has(n) || n === "class" || n === "id" || n === "style" || n === "_csstext";
      if (!shown || raw === undefined) continue;
      // null: a removal, in mutations.
      if (raw === null || typeof raw === "boolean") {
        if (raw === null || clear || !STATE_ATTRIBUTES.has(n)) out[attr] = raw;
        continue;
      }
      if (n === "style" || n === "_csstext") {
        const style = styleValue(raw);
        if (style !== undefined) out[attr] = style;
        continue;
      }
      if (typeof raw !== "string" && typeof raw !== "number") continue;
      const v = cap(String(raw));
      if (URL_ATTRIBUTES.has(n)) out[attr] = maskUrl(v, allowList);
      // Capped again: hashes are longer than short names.
      else if (n === "class") out[attr] = cap(v.split(/\s+/).filter(Boolean).map(name).join(" "));
      else if (n === "id") out[attr] = name(v);
      else if (STATE_ATTRIBUTES.has(n) && !clear) continue;
      else out[attr] = clear || !TEXT_ATTRIBUTES.has(n) ? v : maskText(v);
    }
    return out;
  }

  function blockedElement(raw: Json, id: number, tagName: string, attrs: Json): Json {
    const out: Json = { [BLOCK_ATTRIBUTE]: "" };
    if (typeof attrs.class === "string") out.class = cap(cap(attrs.class).split(/\s+/).filter(Boolean).map(name).join(" "));
    const width = px(attrs.rr_width) ?? px(attrs.width);
    const height = px(attrs.rr_height) ?? px(attrs.height);
    if (width) out.rr_width = width;
    if (height) out.rr_height = height;
    return plain(raw, ["isSVG", "rootId", "isShadow"], { type: ELEMENT, id, tagName, attributes: out, childNodes: [] });
  }

  // Rebuilds an incremental event from FIELDS: numbers and booleans as they are, strings only as
  // CSS (when `isCss`), nothing else. Depth-bounded: the shapes are shallow and the input hostile.
  function keep(v: unknown, isCss: boolean, depth = 0): unknown {
    if (typeof v === "number" || typeof v === "boolean" || v === null) return v;
    if (typeof v === "string") return isCss ? sheet(v) : null;
    if (typeof v !== "object" || depth > 5) return null;
    if (Array.isArray(v)) return v.map((x: unknown) => keep(x, isCss, depth + 1));
    const out: Json = {};
    for (const [k, x] of Object.entries(v)) if (FIELDS.has(k)) out[k] = keep(x, isCss, depth + 1);
    return out;
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
        const attrs = isObj(raw.attributes) ? raw.attributes : {};
        const ctx = enter({ tagName: raw.tagName, attributes: attrs }, up);
        remember(id, ctx.s, ctx.p, ctx.tag === "style", ctx.rule);
        if (ctx.s === BLOCKED) {
          into.push(blockedElement(raw, id, cap(raw.tagName, 256), attrs));
          descend(raw.childNodes, ctx, null);
          continue;
        }
        const childNodes: Json[] = [];
        into.push(plain(raw, ["isSVG", "isCustom", "isShadowHost", "rootId", "isShadow"], { type, id, tagName: cap(raw.tagName, 256), attributes: attributes(attrs, ctx.s === UNMASKED), childNodes }));
        // Script text never leaves (rrweb drops it too); its node ids stay unknown, hence masked.
        if (ctx.tag !== "script") descend(raw.childNodes, ctx, childNodes);
      } else if (type === TEXT || type === CDATA || type === COMMENT) {
        if (up.tag === "script") continue;
        const isCss = type === TEXT && up.tag === "style";
        const clear = up.s === UNMASKED && !isCss;
        const text = str(raw.textContent);
        remember(id, clear ? UNMASKED : DEFAULT, zero, isCss);
        const node = plain(raw, ["rootId", "isShadow"], { type, id, textContent: isCss ? sheet(text) : clear ? cap(text) : maskText(cap(text)) });
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
        into.push(plain(raw, ["rootId"], { type, id, name: cap(str(raw.name), 256), publicId: cap(str(raw.publicId), 256), systemId: cap(str(raw.systemId), 256) }));
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
    const changedAttributes: Json[] = [];
    changes.forEach(([id, changed], i) => {
      const s = status.get(id) ?? DEFAULT;
      if (s === BLOCKED) {
        if (turned[i] === BLOCKED) changedAttributes.push({ id, attributes: { [BLOCK_ATTRIBUTE]: "" } });
        return;
      }
      changedAttributes.push({ id, attributes: attributes(changed, s === UNMASKED) });
    });
    const texts: Json[] = [];
    for (const t of objects(d.texts)) {
      if (!isId(t.id) || status.get(t.id) === BLOCKED) continue;
      const v = t.value;
      const value = typeof v !== "string" ? null : css.has(t.id) ? sheet(v) : status.get(t.id) === UNMASKED ? cap(v) : maskText(cap(v));
      texts.push({ id: t.id, value });
    }
    return { source: MUTATION, texts, attributes: changedAttributes, removes, adds, ...plain(d, ["isAttachIframe"]) };
  }

  function incremental(d: Json): Json | null {
    const source = d.source;
    if (source === MUTATION) return mutation(d);
    if (source === INPUT) {
      const s = isId(d.id) ? status.get(d.id) : BLOCKED;
      if (s === BLOCKED) return null;
      const text = cap(str(d.text));
      const clear = s === UNMASKED;
      const out = plain(d, ["userTriggered"], { source, id: d.id, text: clear ? text : maskText(text) });
      // Which radio or checkbox was chosen is masked like a value.
      if (typeof d.isChecked === "boolean") out.isChecked = clear && d.isChecked;
      return out;
    }
    const isCss = typeof source === "number" ? SOURCES[source] : undefined;
    if (isCss === undefined) return null;
    const out = keep(d, isCss) as Json;
    // A style declaration: its value is read in the context of its property (content: strings).
    if (isObj(out.set) && isObj(d.set) && typeof d.set.property === "string" && typeof d.set.value === "string") out.set.value = declaration(cap(d.set.property, 256), d.set.value);
    return out;
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
        return { href: maskUrl(cap(str(d.href)), allowList), ...plain(d, ["width", "height"]) };
      case 5: {
        // Custom: an error message can quote personal data, so even that one is masked.
        const p = d.payload;
        const message = d.tag === ERROR_EVENT_TAG && isObj(p) && typeof p.message === "string" ? { message: maskText(cap(p.message)) } : {};
        return { tag: cap(str(d.tag), 256), payload: message };
      }
      case 6: // Plugin (console recorder and the like): the name only.
        return { plugin: cap(str(d.plugin), 256), payload: {} };
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
      key,
    };
  }

  return { mask, state };
}
