// A small CSS selector subset matched against rrweb's *serialized* element nodes, so that a site's
// selectors give the same answer in the recorder (browser) and at ingest (server) without a DOM.
// Supported: type and `*`, `#id`, `.class`, `[attr]`, `[attr=v]`, `^=`, `$=`, `*=`, `~=`, `|=` with
// an optional ` i`/` s` flag, compounds, lists and the descendant combinator. Anything else (`>`,
// `+`, `~`, pseudo-classes, namespaces, hex escapes) is rejected by parseSelectorList rather than
// half-understood: a selector that silently matched less than in a browser would unmask content.

export type ElementLike = { readonly tagName: string; readonly attributes: Readonly<Record<string, unknown>> };

type Op = "" | "=" | "~=" | "|=" | "^=" | "$=" | "*=";
type AttrTest = { readonly name: string; readonly op: Op; readonly value: string; readonly fold: boolean };
export type Compound = { readonly tag: string | undefined; readonly tests: readonly AttrTest[] };
// compounds are in document order: `form .card` is [form, .card]; the last one is the element itself.
export type Selector = { readonly source: string; readonly compounds: readonly Compound[] };

// Hex escapes (`\31 `) are refused: they would need a real CSS tokenizer to mean the same thing here.
const ESC = String.raw`\\[^\r\n\f0-9a-fA-F]`;
const IDENT = String.raw`(?:--|-?(?:[_a-zA-Z\u00a0-\uffff]|${ESC}))(?:[-\w\u00a0-\uffff]|${ESC})*`;
const QUOTED = String.raw`"((?:[^"\\\r\n]|\\.)*)"|'((?:[^'\\\r\n]|\\.)*)'`;
const TYPE = new RegExp(String.raw`\*|(${IDENT})`, "y");
const SIMPLE = new RegExp(
  String.raw`#(${IDENT})|\.(${IDENT})|\[\s*(${IDENT})\s*(?:([~|^$*]?=)\s*(?:(${IDENT})|${QUOTED})\s*(?:([iIsS])\s*)?)?\]`,
  "y",
);
const SEPARATOR = /\s*(,?)\s*/y;
const WHITESPACE = /\s*/y;

const unescape = (text: string) => text.replace(/\\(.)/g, "$1");

function attrTest(m: RegExpExecArray): AttrTest {
  if (m[1] !== undefined) return { name: "id", op: "=", value: unescape(m[1]), fold: false };
  if (m[2] !== undefined) return { name: "class", op: "~=", value: unescape(m[2]), fold: false };
  const name = unescape(m[3] ?? "").toLowerCase();
  // HTML compares `type` values case-insensitively; without this `input[type=password]` would
  // block type="PASSWORD" in the browser but not at ingest.
  const fold = m[8] === "i" || m[8] === "I" || name === "type";
  const value = unescape(m[5] ?? m[6] ?? m[7] ?? "");
  return { name, op: (m[4] ?? "") as Op, value: fold ? value.toLowerCase() : value, fold };
}

// Throws an Error naming the offending selector of the list (the admin form shows it as is).
export function parseSelectorList(list: string): Selector[] {
  const selectors: Selector[] = [];
  let compounds: Compound[] = [];
  let start = 0;
  let i = 0;
  const eat = (re: RegExp) => {
    re.lastIndex = i;
    const m = re.exec(list);
    if (m) i = re.lastIndex;
    return m;
  };
  const fail = (): never => {
    const end = list.indexOf(",", i);
    const bad = list.slice(start, end < 0 ? list.length : end).trim();
    throw new Error(
      bad
        ? `Unsupported CSS selector "${bad}": only tag, *, #id, .class, [attr], [attr=value] (also ^= $= *= ~= |=, with an optional i flag), selector lists and descendant combinators (spaces) are supported.`
        : `Empty selector in "${list}".`,
    );
  };
  eat(WHITESPACE);
  for (;;) {
    const type = eat(TYPE);
    const tests: AttrTest[] = [];
    for (let m = eat(SIMPLE); m; m = eat(SIMPLE)) tests.push(attrTest(m));
    if (!type && tests.length === 0) fail();
    compounds.push({ tag: type?.[1] === undefined ? undefined : unescape(type[1]).toLowerCase(), tests });
    const end = i;
    const comma = eat(SEPARATOR)?.[1] === ",";
    if (comma || i >= list.length) {
      selectors.push({ source: list.slice(start, end).trim(), compounds });
      if (!comma) return selectors;
      compounds = [];
      start = i;
    } else if (i === end) {
      // Neither whitespace nor a comma: a combinator or pseudo-class we do not support.
      fail();
    }
  }
}

function valueOf(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  return v === true ? "" : undefined;
}

// Attribute names are matched case-insensitively, as in HTML (a tampered page cannot dodge a rule
// by writing TYPE="password").
function lookup(attributes: Readonly<Record<string, unknown>>, name: string): [boolean, unknown] {
  if (name in attributes) return [true, attributes[name]];
  for (const key in attributes) if (key.length === name.length && key.toLowerCase() === name) return [true, attributes[key]];
  return [false, undefined];
}

function test(t: AttrTest, raw: string | undefined): boolean {
  if (raw === undefined) return false;
  const v = t.fold ? raw.toLowerCase() : raw;
  const w = t.value;
  switch (t.op) {
    case "":
      return true;
    case "=":
      return v === w;
    case "~=":
      return w !== "" && !/\s/.test(w) && v.split(/\s+/).includes(w);
    case "|=":
      return v === w || v.startsWith(`${w}-`);
    case "^=":
      return w !== "" && v.startsWith(w);
    case "$=":
      return w !== "" && v.endsWith(w);
    default:
      return w !== "" && v.includes(w);
  }
}

function matchesCompound(c: Compound, el: ElementLike): boolean {
  const { tag } = c;
  if (tag !== undefined && (el.tagName.length !== tag.length || el.tagName.toLowerCase() !== tag)) return false;
  for (const t of c.tests) if (!test(t, valueOf(lookup(el.attributes, t.name)[1]))) return false;
  return true;
}

// Descendant matching is done incrementally so that a caller walking a tree (or resuming from
// stored state) needs one number per selector instead of the ancestor chain: `progress` is how many
// leading compounds the ancestors satisfy, in order (greedy matching is exact for a subsequence).
export function step(sel: Selector, progress: number, el: ElementLike): number {
  const c = sel.compounds[progress];
  return progress < sel.compounds.length - 1 && c !== undefined && matchesCompound(c, el) ? progress + 1 : progress;
}

export function matchesAt(sel: Selector, ancestorsProgress: number, el: ElementLike): boolean {
  const last = sel.compounds.length - 1;
  const c = sel.compounds[last];
  return ancestorsProgress >= last && c !== undefined && matchesCompound(c, el);
}

// ancestors: from the root down to the parent.
export function matchesSelectorList(list: readonly Selector[], el: ElementLike, ancestors: readonly ElementLike[] = []): boolean {
  return list.some((sel) => matchesAt(sel, ancestors.reduce((p, a) => step(sel, p, a), 0), el));
}

// For an attribute mutation, which carries only the changed attributes (not the tag nor the other
// attributes): "yes" if the compound now matches for sure, "maybe" if it could, "no" if it cannot,
// "unchanged" if it does not look at any changed attribute (its result is what it was).
export function newlyMatches(c: Compound, changed: Readonly<Record<string, unknown>>): "yes" | "maybe" | "no" | "unchanged" {
  let touched = false;
  let known = c.tag === undefined;
  for (const t of c.tests) {
    const [present, v] = lookup(changed, t.name);
    if (!present || (typeof v === "object" && v !== null)) {
      // Absent: not part of this change. Object: rrweb's style diff, whose full value is unknown.
      known = false;
      touched ||= present;
      continue;
    }
    touched = true;
    if (!test(t, valueOf(v))) return "no";
  }
  if (!touched) return "unchanged";
  return known ? "yes" : "maybe";
}
