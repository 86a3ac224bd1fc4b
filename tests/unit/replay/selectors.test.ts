import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { matchesAt, matchesSelectorList, newlyMatches, parseSelectorList, step, type ElementLike } from "@/lib/replay/selectors";

const el = (tagName: string, attributes: Record<string, unknown> = {}): ElementLike => ({ tagName, attributes });
const matches = (selector: string, element: ElementLike, ancestors: ElementLike[] = []) =>
  matchesSelectorList(parseSelectorList(selector), element, ancestors);

describe("parseSelectorList", () => {
  it("splits lists and descendant chains, keeping each selector's source", () => {
    const list = parseSelectorList("  input.foo[name=x] ,form   .card,#a ");
    expect(list.map((s) => s.source)).toEqual(["input.foo[name=x]", "form   .card", "#a"]);
    expect(list.map((s) => s.compounds.length)).toEqual([1, 2, 1]);
  });

  it("accepts quoted values with commas, brackets and escapes", () => {
    expect(matches('[title="a, b]"]', el("p", { title: "a, b]" }))).toBe(true);
    expect(matches("[title='it\\'s']", el("p", { title: "it's" }))).toBe(true);
    expect(matches(".md\\:flex", el("div", { class: "md:flex" }))).toBe(true);
  });

  it.each([
    "a > b", "a + b", "a ~ b", "a:hover", "input:not(.x)", "p::before", "svg|a", "[a=b", "#123", "", "a,", ", a", ".", "\\31 23", "a b >", "[a==b]", "*a", "[x]a",
  ])("rejects %j with an Error naming the selector", (selector) => {
    expect(() => parseSelectorList(selector)).toThrow(Error);
  });

  it("names the offending member of a list, not the valid ones", () => {
    expect(() => parseSelectorList(".ok, li:first-child, #fine")).toThrow(/"li:first-child"/);
    expect(() => parseSelectorList(".ok, li:first-child, #fine")).not.toThrow(/"\.ok/);
  });
});

describe("matching serialized elements", () => {
  it("matches type, universal, id and class", () => {
    expect(matches("input", el("INPUT"))).toBe(true);
    expect(matches("*", el("div"))).toBe(true);
    expect(matches("#card", el("div", { id: "card" }))).toBe(true);
    expect(matches("#card", el("div", { id: "cards" }))).toBe(false);
    expect(matches(".b", el("div", { class: "a  b\tc" }))).toBe(true);
    expect(matches(".b", el("div", { class: "ab" }))).toBe(false);
  });

  it("implements every attribute operator, case-sensitive unless flagged", () => {
    const a = el("a", { href: "https://x.example/path.pdf", lang: "en-GB", rel: "noopener external" });
    expect(matches("[href]", a)).toBe(true);
    expect(matches("[download]", a)).toBe(false);
    expect(matches('[href="https://x.example/path.pdf"]', a)).toBe(true);
    expect(matches("[href^=https]", a)).toBe(true);
    expect(matches("[href$='.pdf']", a)).toBe(true);
    expect(matches("[href*=example]", a)).toBe(true);
    expect(matches("[href*=EXAMPLE]", a)).toBe(false);
    expect(matches("[href*=EXAMPLE i]", a)).toBe(true);
    expect(matches("[rel~=external]", a)).toBe(true);
    expect(matches("[rel~=extern]", a)).toBe(false);
    expect(matches("[lang|=en]", a)).toBe(true);
    expect(matches("[href^='']", a)).toBe(false);
  });

  it("compares attribute names, and the values of type, case-insensitively (as HTML does)", () => {
    expect(matches("input[type=password]", el("input", { TYPE: "PassWord" }))).toBe(true);
    expect(matches("[name=Card]", el("input", { name: "card" }))).toBe(false);
  });

  it("treats boolean and numeric attribute values like their HTML text", () => {
    expect(matches("[checked]", el("input", { checked: true }))).toBe(true);
    expect(matches("[width='40']", el("img", { width: 40 }))).toBe(true);
    expect(matches("[title]", el("p", { title: null }))).toBe(false);
  });

  it("requires every part of a compound", () => {
    expect(matches("input.foo[name=x]", el("input", { class: "foo", name: "x" }))).toBe(true);
    expect(matches("input.foo[name=x]", el("input", { class: "foo", name: "y" }))).toBe(false);
    expect(matches("input.foo[name=x]", el("select", { class: "foo", name: "x" }))).toBe(false);
  });

  it("matches descendant combinators through the ancestor chain, in order", () => {
    const form = el("form");
    const card = el("div", { class: "card" });
    expect(matches("form .card", card, [el("html"), form, el("div")])).toBe(true);
    expect(matches("form .card", card, [el("html")])).toBe(false);
    expect(matches("form .card", form, [card])).toBe(false);
    expect(matches("a b a", el("a"), [el("a"), el("b")])).toBe(true);
    expect(matches("a b a", el("a"), [el("b"), el("a")])).toBe(false);
  });

  it("agrees with a brute-force reading of the descendant combinator", () => {
    const tags = ["a", "b", "c"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tags), { minLength: 1, maxLength: 4 }), fc.array(fc.constantFrom(...tags), { maxLength: 6 }), fc.constantFrom(...tags), (parts, chain, tag) => {
        const ancestors = chain.map((t) => el(t));
        // Some ordered subsequence of the ancestors matches all compounds but the last.
        const want = parts[parts.length - 1] === tag && isSubsequence(parts.slice(0, -1), chain);
        const sel = parseSelectorList(parts.join(" "))[0];
        if (!sel) throw new Error("no selector");
        expect(matches(parts.join(" "), el(tag), ancestors)).toBe(want);
        expect(matchesAt(sel, ancestors.reduce((p, a) => step(sel, p, a), 0), el(tag))).toBe(want);
      }),
    );
  });
});

function isSubsequence(needle: string[], hay: string[]): boolean {
  if (needle.length === 0) return true;
  const [first, ...rest] = needle;
  return hay.some((h, i) => h === first && isSubsequence(rest, hay.slice(i + 1)));
}

describe("newlyMatches (attribute mutations carry only the changed attributes)", () => {
  const [password] = parseSelectorList("input[type=password i]").map((s) => s.compounds[0]);
  const [unmask] = parseSelectorList("[data-replay-unmask]").map((s) => s.compounds[0]);
  if (!password || !unmask) throw new Error("parse");

  it("says yes only when every part is decided by the change", () => {
    expect(newlyMatches(unmask, { "data-replay-unmask": "" })).toBe("yes");
    expect(newlyMatches(unmask, { "data-replay-unmask": null })).toBe("no");
  });

  it("says maybe when the tag or other attributes are unknown", () => {
    expect(newlyMatches(password, { type: "password" })).toBe("maybe");
    expect(newlyMatches(password, { type: "text" })).toBe("no");
  });

  it("says unchanged when the change does not touch the compound", () => {
    expect(newlyMatches(password, { class: "x" })).toBe("unchanged");
  });
});
