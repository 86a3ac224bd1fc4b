// What the agent's browser is given to replay: recorded events with everything taken out that
// could make the replay load or run anything. The replay already runs in a sandboxed frame (no
// scripts) under the app's CSP (nothing from other hosts), but a recording is hostile input (a
// malicious page, a tampered SDK; the unmasked vault stream is never re-masked at all) and not
// every request is CSP's to stop: link prefetches and preconnects went out regardless. So, on the
// server, for both streams: no event handler, no script text, no srcdoc, no http-equiv, no <base>
// target, no network URL in a resource attribute, and no url()/@import/image-set() in any CSS
// that points anywhere but a fragment or an inline data: URL. Links (<a href>) keep their http(s)
// target: the replay frame takes no clicks, and agents may need to see where a link led.
// rrweb's own fetch sinks count too (security review L1): its rr_* URL attributes (rr_dataURL
// becomes an image's src) allow inline images only, and events are kept deny by default: only the
// incremental sources known here, no font (a FontFace fetches its source), canvas drawing or log
// events, nothing newer. Attribute rules depend on the element's tag, which an attribute mutation
// does not carry: tags are followed by node id through the events, and an unknown one gets the
// strictest rules.
import type { ReplayEvent } from "./masking";

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

// Resource attributes: the value is fetched (or navigated to by a frame) as soon as it is set.
const RESOURCE_ATTRIBUTES = new Set(["src", "href", "xlink:href", "poster", "background", "cite", "data", "codebase", "manifest", "longdesc", "lowsrc", "dynsrc", "archive", "classid", "icon", "profile"]);
// Never useful in a replay, only as a way to run or load something.
const DROPPED_ATTRIBUTES = new Set(["srcdoc", "srcset", "imagesrcset", "ping", "action", "formaction", "http-equiv"]);
const LINK_TAGS = new Set(["a", "area"]);
// rrweb's rr_* attributes that hold no URL; every other rr_* one is treated as a resource.
const RR_PLAIN = new Set(["rr_width", "rr_height", "rr_scrollleft", "rr_scrolltop", "rr_open_mode", "rr_mediastate", "rr_mediacurrenttime", "rr_mediavolume", "rr_mediamuted", "rr_medialoop", "rr_mediaplaybackrate"]);
// SMIL animation values become the animated attribute's value (an href, for all we know).
const ANIMATION_VALUES = new Set(["to", "from", "by", "values"]);
// Event types and incremental sources that replay without fetching anything.
const EVENT_TYPES = new Set([0, 1, 2, 3, 4, 5, 6]);
const INCREMENTAL_SOURCES = new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 13, 14, 15, 16]);

// What a CSS string may still load after escapes are decoded the way a browser's tokenizer does.
const CSS_FETCH = /url\(|@import|image-set\(|\bsrc\(/i;

// CSS escapes (`\75 rl(` is `url(`), decoded once, as the CSS tokenizer does.
function decodeCssEscapes(css: string): string {
  return css.replace(/\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|([^\n\r\f0-9a-fA-F]))/g, (_, hex: string | undefined, ch: string | undefined) => {
    if (ch !== undefined) return ch;
    const code = parseInt(hex!, 16);
    return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? "\uFFFD" : String.fromCodePoint(code);
  });
}

// url(...) kept only for a fragment (`url(#clip)`) or an inline data: URL; anything else becomes
// `none`. @import rules go; image-set() and src() are renamed into invalid functions, which
// browsers ignore.
function neutralizeCss(css: string): string {
  const renamed = css.replace(/@import\b[^;]*(;|$)/gi, "").replace(/((?:-webkit-)?image-set|\bsrc)\(/gi, "blocked-$1(");
  const lower = renamed.toLowerCase();
  let out = "";
  let from = 0;
  for (let at = lower.indexOf("url(", from); at >= 0; at = lower.indexOf("url(", from)) {
    let i = at + 4;
    while (/\s/.test(renamed[i] ?? "")) i++;
    const q = renamed[i];
    const quote = q === '"' || q === "'" ? q : null;
    const end = quote ? renamed.indexOf(quote, i + 1) : renamed.indexOf(")", i);
    const close = end < 0 ? -1 : quote ? renamed.indexOf(")", end) : end;
    if (close < 0) {
      // Unterminated: the rest of the text is the URL as far as a browser is concerned.
      out += renamed.slice(from, at) + "none";
      from = renamed.length;
      break;
    }
    const target = renamed.slice(quote ? i + 1 : i, end).trim();
    out += renamed.slice(from, at) + (target.startsWith("#") || /^data:/i.test(target) ? renamed.slice(at, close + 1) : "none");
    from = close + 1;
  }
  return out + renamed.slice(from);
}

// Text that is (or may be) CSS: unchanged unless, once decoded, it could fetch something; then
// decoded, neutralized, and without backslashes (so nothing is decoded into a new url( later).
export function safeCss(text: string): string {
  const decoded = decodeCssEscapes(text);
  if (!CSS_FETCH.test(decoded)) return text;
  return neutralizeCss(decoded).replaceAll("\\", "");
}

function safeUrl(tag: string, value: string): string | null {
  const v = value.trim();
  if (v.startsWith("#")) return value;
  if (/^data:image\//i.test(v)) return value;
  if (LINK_TAGS.has(tag) && /^https?:\/\//i.test(v)) return value;
  return null;
}

function safeStyleValue(v: unknown): unknown {
  if (typeof v === "string") return safeCss(v);
  // rrweb's style diff in attribute mutations: { property: value | [value, priority] | false }.
  if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === "string" ? safeCss(x) : Array.isArray(x) ? x.map((p: unknown) => (typeof p === "string" ? safeCss(p) : p)) : x]));
  return v;
}

// `tag` is "" when unknown (a node of an earlier page of events): then every rule applies as for
// the strictest element, which only ever removes more.
function safeAttributes(tag: string, attributes: Json): Json {
  const out: Json = {};
  // An animation never targets an href here; its values are URLs unless the same attributes say
  // what else it animates (a spinner's rotation keeps its values).
  const animated = String(attributes.attributeName ?? attributes.attributename ?? "");
  const animation = tag === "" || (/^(animate|set)/i.test(tag) && (animated === "" || /href$/i.test(animated)));
  for (const [name, value] of Object.entries(attributes)) {
    const n = name.toLowerCase();
    if (n.startsWith("on") || DROPPED_ATTRIBUTES.has(n)) continue;
    if ((tag === "base" || tag === "") && n === "href") continue;
    if (tag === "meta" && n === "content" && Object.keys(attributes).some((a) => a.toLowerCase() === "http-equiv")) continue;
    if (typeof value !== "string") {
      out[name] = n === "style" ? safeStyleValue(value) : value;
      continue;
    }
    if (/^\s*(javascript|vbscript):/i.test(value) || (n === "attributename" && /href$/i.test(value))) continue;
    if (n.startsWith("rr_") && !RR_PLAIN.has(n)) {
      if (/^\s*data:image\//i.test(value)) out[name] = value;
      continue;
    }
    if (RESOURCE_ATTRIBUTES.has(n) || (animation && ANIMATION_VALUES.has(n))) {
      const kept = safeUrl(tag, value);
      if (kept !== null) out[name] = kept;
      continue;
    }
    out[name] = safeCss(value);
  }
  return out;
}

// A serialized node tree (full snapshot, or a node a mutation adds), copied with the rules above;
// the tag of each element goes into `tags`. Iterative: the depth of a recorded tree is
// attacker-controlled.
function safeTree(root: unknown, tags: Map<unknown, string>, parentTag = ""): unknown {
  if (!isObj(root)) return root;
  const copy = (node: Json): Json => ({ ...node });
  const top = copy(root);
  const stack: [Json, string][] = [[top, parentTag]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, parent] = item;
    const tag = typeof node.tagName === "string" ? node.tagName.toLowerCase() : "";
    if (node.type === 2) tags.set(node.id, tag);
    if (node.type === 2 && isObj(node.attributes)) node.attributes = safeAttributes(tag, node.attributes);
    if (typeof node.textContent === "string") node.textContent = parent === "script" ? "" : safeCss(node.textContent);
    if (Array.isArray(node.childNodes)) {
      node.childNodes = tag === "script" ? [] : node.childNodes.map((child: unknown) => (isObj(child) ? copy(child) : child));
      for (const child of node.childNodes as unknown[]) if (isObj(child)) stack.push([child, tag]);
    }
  }
  return top;
}

function safeIncremental(d: Json, tags: Map<unknown, string>): Json | null {
  if (typeof d.source !== "number" || !INCREMENTAL_SOURCES.has(d.source)) return null;
  const list = (v: unknown, map: (x: Json) => Json) => (Array.isArray(v) ? v.map((x: unknown) => (isObj(x) ? map(x) : x)) : v);
  const out: Json = { ...d };
  switch (d.source) {
    case 0: // Mutation
      out.adds = list(d.adds, (a) => ({ ...a, node: safeTree(a.node, tags) }));
      out.attributes = list(d.attributes, (m) => ({ ...m, attributes: isObj(m.attributes) ? safeAttributes(tags.get(m.id) ?? "", m.attributes) : m.attributes }));
      out.texts = list(d.texts, (t) => ({ ...t, value: typeof t.value === "string" ? safeCss(t.value) : t.value }));
      return out;
    case 8: // StyleSheetRule
      out.adds = list(d.adds, (a) => ({ ...a, rule: typeof a.rule === "string" ? safeCss(a.rule) : a.rule }));
      if (typeof d.replace === "string") out.replace = safeCss(d.replace);
      if (typeof d.replaceSync === "string") out.replaceSync = safeCss(d.replaceSync);
      return out;
    case 13: // StyleDeclaration
      if (isObj(d.set)) out.set = { ...d.set, value: typeof d.set.value === "string" ? safeCss(d.set.value) : d.set.value };
      return out;
    case 15: // AdoptedStyleSheet
      out.styles = list(d.styles, (s) => ({ ...s, rules: list(s.rules, (r) => ({ ...r, rule: typeof r.rule === "string" ? safeCss(r.rule) : r.rule })) }));
      return out;
    default:
      return out;
  }
}

// The events as the replay viewer may receive them, in order (tags are followed from one event
// to the next); the input is not changed.
export function safeForReplay(events: ReplayEvent[]): ReplayEvent[] {
  const tags = new Map<unknown, string>();
  const out: ReplayEvent[] = [];
  for (const e of events) {
    if (!isObj(e) || !EVENT_TYPES.has(e.type)) continue;
    if (!isObj(e.data)) out.push(e);
    else if (e.type === 2) {
      // A full snapshot numbers every node again.
      tags.clear();
      out.push({ ...e, data: { ...e.data, node: safeTree(e.data.node, tags) } });
    } else if (e.type === 3) {
      const data = safeIncremental(e.data, tags);
      if (data) out.push({ ...e, data });
    } else out.push(e);
  }
  return out;
}
