import { BLOCK_ATTRIBUTE, MASK_ATTRIBUTE, UNMASK_ATTRIBUTE } from "../replay/masking";
import type { SdkConfig } from "../replay/protocol";
import { ONE_TIME_CODE_LABEL } from "../replay/sensitive";

export const MASK_SELECTOR = `[${MASK_ATTRIBUTE}]`;
export const UNMASK_SELECTOR = `[${UNMASK_ATTRIBUTE}]`;
export const BLOCK_SELECTOR = `[${BLOCK_ATTRIBUTE}]`;

export type RecordOptions = {
  blockSelector: string;
  maskAllInputs: true;
  maskInputFn: ((text: string, element: HTMLElement) => string) | undefined;
  maskTextSelector: string | undefined;
  maskTextFn: ((text: string, element: HTMLElement | null) => string) | undefined;
  inlineImages: false;
  recordCanvas: false;
  collectFonts: false;
  inlineStylesheet: true;
  recordCrossOriginIframes: false;
  slimDOMOptions: "all";
  sampling: { mousemove: number; scroll: number; media: number; input: "last" };
  plugins: [];
  // rrweb calls it for errors in its own observers; true = handled, so they never reach the page.
  errorHandler: () => boolean;
};

export function maskText(text: string): string {
  return text.replace(/\S/g, "*");
}

// Publishers opt public text in with data-replay-unmask (or their unmask selectors) and can opt a
// part of it back out with data-replay-mask: the nearest of the two wins.
export function isUnmasked(element: Pick<Element, "closest"> | null, maskSelector: string, unmaskSelector: string): boolean {
  if (!element) return false;
  try {
    const unmask = element.closest(unmaskSelector);
    if (!unmask) return false;
    const mask = element.closest(maskSelector);
    return mask === null || (mask !== unmask && mask.contains(unmask));
  } catch {
    return false;
  }
}

// A field that takes a one-time code by what it is called on the page: its labels (only the
// browser knows them; the attributes are S1 selectors too, lib/replay/sensitive.ts).
export function isOneTimeCodeField(element: HTMLElement): boolean {
  const names = [element.getAttribute("aria-label"), element.getAttribute("placeholder"), ...Array.from((element as HTMLInputElement).labels ?? [], (l) => l.textContent)];
  return element.getAttribute("autocomplete")?.toLowerCase() === "one-time-code" || names.some((n) => n !== null && ONE_TIME_CODE_LABEL.test(n));
}

// A selector that does not parse makes rrweb's matches() throw, which rrweb swallows as "not
// blocked": blocking would silently fail open. Callers drop invalid mask/unmask selectors (the
// default is to mask) but refuse to record at all if a block selector is invalid.
export type SelectorCheck = (selector: string) => boolean;

export type BuiltOptions = { options: RecordOptions } | { error: string };

export function buildRecordOptions(
  config: SdkConfig,
  alwaysBlockSelector: string,
  vault: boolean,
  isValidSelector: SelectorCheck,
): BuiltOptions {
  const blocks = [alwaysBlockSelector, BLOCK_SELECTOR, ...config.blockSelectors];
  const invalid = blocks.filter((s) => !isValidSelector(s));
  if (invalid.length > 0) return { error: `invalid block selector: ${invalid.join(" | ")}` };
  const maskSelector = [MASK_SELECTOR, ...config.maskSelectors.filter(isValidSelector)].join(",");
  const unmaskSelector = [UNMASK_SELECTOR, ...config.unmaskSelectors.filter(isValidSelector)].join(",");
  return {
    options: {
      blockSelector: blocks.join(","),
      // With a vault (M1/M2) the recorded events must stay unmasked so that their sealed copy is
      // worth keeping; lib/replay/masking.ts then makes the masked copy on its own (it is the
      // authoritative pass anyway). Without a vault, rrweb masks at the source as a first line.
      // Every input value goes through maskInputFn, so that one-time codes are masked at the
      // source in both copies (S1): with a vault, the one place where a field's label is known.
      maskAllInputs: true,
      maskInputFn: vault ? (text, element) => (isOneTimeCodeField(element) || element.getAttribute("type")?.toLowerCase() === "password" ? maskText(text) : text) : undefined,
      maskTextSelector: vault ? undefined : "*",
      maskTextFn: vault
        ? undefined
        : (text, element) => (isUnmasked(element, maskSelector, unmaskSelector) ? text : maskText(text)),
      inlineImages: false,
      recordCanvas: false,
      collectFonts: false,
      inlineStylesheet: true,
      recordCrossOriginIframes: false,
      slimDOMOptions: "all",
      sampling: { mousemove: 50, scroll: 150, media: 800, input: "last" },
      plugins: [],
      errorHandler: () => true,
    },
  };
}
