// The masking floor (privacy point 2): a site's unmask selectors may reveal chosen public content
// (product names, prices, help articles), never whole pages. Refused: selectors naming no class,
// id or attribute (`*`, `main`, `div p`: they match the same elements on every site), and any
// selector that unmasks more than MAX_UNMASKED_SHARE of the text of Replaydesk's sample pages
// (tests/fixtures/pages/: a product page, a checkout, an account, a help article, a health form,
// built with the class names and ids common on real sites). The pages are kept here as element
// trees, read from the HTML by Chromium (tests/unit/replay/masking-floor.test.ts checks they are
// current), and matched with the same selector engine as the masker, so the rule needs no browser.
// Browser-safe: the site settings form runs it too.
import samplePages from "./floor-pages.json";
import { matchesAt, parseSelectorList, step, type Selector } from "./selectors";

export const MAX_UNMASKED_SHARE = 0.2;

// [tag, attributes, ...children]; a number n stands for n text nodes (with more than whitespace).
export type FloorNode = [string, Record<string, string>, ...(FloorNode | number)[]];
export type FloorPage = { name: string; html: FloorNode };

const PAGES = samplePages as unknown as FloorPage[];

// Text nodes of the page, and those inside an element the selector matches (unmasking is inherited
// by the whole subtree).
function coverage(sel: Selector, root: FloorNode): { text: number; unmasked: number } {
  let text = 0;
  let unmasked = 0;
  const stack: [FloorNode | number, number, boolean][] = [[root, 0, false]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, progress, covered] = item;
    if (typeof node === "number") {
      text += node;
      if (covered) unmasked += node;
      continue;
    }
    const [tagName, attributes, ...children] = node;
    const el = { tagName, attributes };
    const inside = covered || matchesAt(sel, progress, el);
    const next = step(sel, progress, el);
    for (const child of children) stack.push([child, next, inside]);
  }
  return { text, unmasked };
}

// Why a line of unmask selectors is refused, naming the selector; null when it is allowed. Throws
// like parseSelectorList for a selector outside the supported subset.
export function unmaskFloorViolation(line: string): string | null {
  for (const sel of parseSelectorList(line)) {
    if (sel.compounds.every((c) => c.tests.length === 0)) {
      return `"${sel.source}" names no class, id or attribute, so it would unmask those elements on every page: name the public content itself, such as ".product-title".`;
    }
    let text = 0;
    let unmasked = 0;
    for (const page of PAGES) {
      const c = coverage(sel, page.html);
      text += c.text;
      unmasked += c.unmasked;
    }
    if (unmasked > MAX_UNMASKED_SHARE * text) {
      return `"${sel.source}" would unmask ${Math.round((100 * unmasked) / text)} % of the text of Replaydesk's sample pages (${PAGES.map((p) => p.name).join(", ")}), more than the ${MAX_UNMASKED_SHARE * 100} % allowed: it reveals whole pages, not chosen public content.`;
    }
  }
  return null;
}
