import { describe, expect, it } from "vitest";
import { buildRecordOptions, isUnmasked, maskText } from "@/lib/recorder/rrweb-options";
import { config } from "./fakes";

// A tiny element tree: each node knows which selectors it matches itself.
type Node = { matches: string[]; parent: Node | null };
function el(matches: string[], parent: Node | null = null): Node {
  return { matches, parent };
}
function asElement(node: Node): Element {
  const wrap = (n: Node | null): Element | null => (n ? asElement(n) : null);
  return {
    closest(selector: string) {
      const wanted = selector.split(",");
      for (let n: Node | null = node; n; n = n.parent) if (n.matches.some((m) => wanted.includes(m))) return wrap(n);
      return null;
    },
    contains(other: Element) {
      for (let n: Node | null = (other as unknown as { node: Node }).node; n; n = n.parent) if (n === node) return true;
      return false;
    },
    node,
  } as unknown as Element;
}

const MASK = "[data-replay-mask]";
const UNMASK = "[data-replay-unmask]";

describe("isUnmasked", () => {
  it("masks by default and unmasks opted-in subtrees, nearest attribute winning", () => {
    const body = el([]);
    const product = el([UNMASK], body);
    const title = el([], product);
    const note = el([MASK], product);
    const noteText = el([], note);
    const inner = el([UNMASK], note);
    expect(isUnmasked(asElement(body), MASK, UNMASK)).toBe(false);
    expect(isUnmasked(asElement(title), MASK, UNMASK)).toBe(true);
    expect(isUnmasked(asElement(noteText), MASK, UNMASK)).toBe(false);
    expect(isUnmasked(asElement(inner), MASK, UNMASK)).toBe(true);
    expect(isUnmasked(null, MASK, UNMASK)).toBe(false);
  });

  it("treats a selector error as masked", () => {
    const broken = { closest: () => { throw new SyntaxError("bad selector"); } } as unknown as Element;
    expect(isUnmasked(broken, MASK, UNMASK)).toBe(false);
  });
});

describe("maskText", () => {
  it("keeps whitespace and length, hides every other character", () => {
    expect(maskText(" Jane Doe\n4111 ")).toBe(" **** ***\n**** ");
  });
});

describe("buildRecordOptions", () => {
  const valid = (s: string) => !s.includes("!!");

  it("masks at the source without a vault and drops invalid mask/unmask selectors", () => {
    const built = buildRecordOptions(config({ maskSelectors: ["!!x", ".m"], unmaskSelectors: ["!!y"] }), "input[type=password]", false, valid);
    if ("error" in built) throw new Error(built.error);
    expect(built.options).toMatchObject({ maskAllInputs: true, maskTextSelector: "*", blockSelector: "input[type=password],[data-replay-block]" });
    expect(built.options.maskTextFn?.("Jane", null)).toBe("****");
  });

  it("leaves the masking to the event masker when the unmasked copy goes to the vault", () => {
    const built = buildRecordOptions(config({ maskingMode: "M1" }), "input[type=password]", true, valid);
    if ("error" in built) throw new Error(built.error);
    expect(built.options).toMatchObject({ maskAllInputs: true, maskTextSelector: undefined });
    const field = (attrs: Record<string, string>, labels: string[] = []) =>
      ({ getAttribute: (n: string) => attrs[n] ?? null, labels: labels.map((textContent) => ({ textContent })) }) as unknown as HTMLElement;
    // Values stay for the sealed copy, except one-time codes (S1) and passwords.
    expect(built.options.maskInputFn?.("Paris", field({ name: "city" }, ["City"]))).toBe("Paris");
    expect(built.options.maskInputFn?.("hunter2", field({ type: "Password" }))).toBe("*******");
    expect(built.options.maskInputFn?.("482913", field({}, ["Enter the 6-digit code sent by SMS", "One-time code"]))).toBe("******");
    expect(built.options.maskInputFn?.("482913", field({ "aria-label": "2FA" }))).toBe("******");
  });

  it("refuses an invalid block selector or S1 selector", () => {
    expect(buildRecordOptions(config({ blockSelectors: ["!!"] }), "input", false, valid)).toHaveProperty("error");
    expect(buildRecordOptions(config(), "!!", false, valid)).toHaveProperty("error");
  });
});
