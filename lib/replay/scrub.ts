// Server-side net under masking: payment card numbers and IBANs are replaced wherever they are in
// an event (unmasked text, URL paths, CSS, attribute values, object keys), because a publisher's
// unmask rule can be wider than intended. Placeholders keep the length and the separators, so the
// replayed layout does not move. Input is an event's JSON value; it is copied, never changed.

export type ScrubResult<T> = { event: T; scrubbed: number };

const IBAN_START = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}/g;
// A run of digits with single spaces or dashes between them. Not after a digit (that would be the
// tail of a longer number) nor after "." (decimals in CSS and numbers written as text).
const DIGIT_RUN = /(?<![\d.])\d(?:[ -]?\d)*/g;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

// ISO 13616: country and check digits moved to the end, letters as 10..35, the number mod 97 is 1.
function ibanValid(compact: string): boolean {
  let r = 0;
  for (const ch of compact.slice(4) + compact.slice(0, 4)) {
    const v = parseInt(ch, 36);
    r = (v < 10 ? r * 10 + v : r * 100 + v) % 97;
  }
  return r === 1;
}

const isAlnum = (c: string | undefined) => c !== undefined && /[A-Za-z0-9]/.test(c);

// End of the longest valid IBAN starting at `start` (15 to 34 characters, single spaces allowed
// between groups, ending where a word ends), or -1.
function ibanEnd(text: string, start: number): number {
  let compact = text.slice(start, start + 4);
  let i = start + 4;
  let end = -1;
  while (compact.length < 34) {
    if (text[i] === " " && /[A-Z0-9]/.test(text[i + 1] ?? "")) i++;
    const c = text[i];
    if (c === undefined || !/[A-Z0-9]/.test(c)) break;
    compact += c;
    i++;
    if (compact.length >= 15 && !isAlnum(text[i]) && ibanValid(compact)) end = i;
  }
  return end;
}

// Every match is tried against every window of whole digit groups of 13 to 19 digits, longest first
// for each start: "4111 1111 1111 1111 123" (card then CVC) must still lose the card. Bounded work
// per group, so linear in the text.
function scrubCards(text: string, hide: (s: string) => string): string {
  return text.replace(DIGIT_RUN, (run) => {
    const groups = run.split(/[ -]/);
    const starts: number[] = [];
    let at = 0;
    for (const g of groups) {
      starts.push(at);
      at += g.length + 1;
    }
    let out = "";
    let done = 0;
    for (let i = 0; i < groups.length; i++) {
      let digits = "";
      let best = -1;
      for (let j = i; j < groups.length && digits.length <= 19; j++) {
        digits += groups[j] ?? "";
        if (digits.length >= 13 && digits.length <= 19 && luhn(digits)) best = j;
      }
      if (best < 0) continue;
      const from = starts[i] ?? 0;
      const to = (starts[best] ?? 0) + (groups[best]?.length ?? 0);
      out += run.slice(done, from) + hide(run.slice(from, to));
      done = to;
      i = best;
    }
    return out + run.slice(done);
  });
}

function scrubIbans(text: string, hide: (s: string) => string): string {
  let out = "";
  let done = 0;
  for (const m of text.matchAll(IBAN_START)) {
    if (m.index < done) continue;
    const end = ibanEnd(text, m.index);
    if (end < 0) continue;
    out += text.slice(done, m.index) + hide(text.slice(m.index, end));
    done = end;
  }
  return out + text.slice(done);
}

export function scrubText(text: string): { text: string; scrubbed: number } {
  if (!/\d/.test(text)) return { text, scrubbed: 0 };
  let scrubbed = 0;
  const hide = (s: string) => {
    scrubbed++;
    return s.replace(/[A-Za-z0-9]/g, "*");
  };
  // IBANs first: their digits would otherwise be taken for (part of) a card number.
  return { text: scrubCards(scrubIbans(text, hide), hide), scrubbed };
}

// Iterative copy: nesting depth is attacker-controlled and must not overflow the stack.
export function scrubSecrets<T>(event: T): ScrubResult<T> {
  let scrubbed = 0;
  const scrub = (s: string) => {
    const r = scrubText(s);
    scrubbed += r.scrubbed;
    return r.text;
  };
  const pending: [object, unknown[] | Record<string, unknown>][] = [];
  const copies = new Map<object, unknown>();
  const copy = (v: unknown): unknown => {
    if (typeof v === "string") return scrub(v);
    if (typeof v !== "object" || v === null) return v;
    const known = copies.get(v);
    if (known !== undefined) return known;
    const target: unknown[] | Record<string, unknown> = Array.isArray(v) ? [] : {};
    copies.set(v, target);
    pending.push([v, target]);
    return target;
  };
  const result = copy(event);
  for (let job = pending.pop(); job; job = pending.pop()) {
    const [src, target] = job;
    if (Array.isArray(target)) {
      for (const item of src as unknown[]) target.push(copy(item));
    } else {
      // defineProperty: a "__proto__" key from JSON stays a plain key instead of a prototype.
      for (const [k, v] of Object.entries(src)) Object.defineProperty(target, scrub(k), { value: copy(v), enumerable: true, writable: true, configurable: true });
    }
  }
  return { event: result as T, scrubbed };
}
