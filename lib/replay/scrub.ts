// S1 by value: payment card numbers (Luhn-valid) and IBANs are replaced wherever they are, whatever
// field they were typed in or text they were shown in. The same module runs in the browser (on the
// masked events before upload and on the unmasked vault copy before it is sealed) and at ingest (on
// every masked event), so a publisher's unmask rule, an unlabelled payment field or an old SDK
// cannot get one stored. Placeholders keep the length and the separators, so the replayed layout
// does not move. Input is an event's JSON value; it is copied, never changed.
//
// Both scanners are single passes over the text (char codes, no regex per character): a string is
// attacker-sized input at ingest, and each position is looked at a bounded number of times (at most
// the ~20 candidate starts still open within a card's or an IBAN's maximal length).

export type ScrubResult<T> = { event: T; scrubbed: number };

type Hide = (s: string) => string;

const isDigit = (c: number) => c >= 48 && c <= 57;
const value = (c: number) => (c < 58 ? c - 48 : c - 55);
const isUpperOrDigit = (c: number) => isDigit(c) || (c >= 65 && c <= 90);
const isAlnum = (c: number) => isUpperOrDigit(c) || (c >= 97 && c <= 122);
// Luhn: a doubled digit's contribution.
const DOUBLED = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];
// 10^k mod 97, for the IBAN check over letters expanded to two digits.
const POW97: number[] = [1];
for (let k = 1; k <= 70; k++) POW97.push((POW97[k - 1]! * 10) % 97);

// Candidate starts still open, oldest first, in a ring (no allocation per start): where each starts
// in the text (at) and in its run (pos), the running sums there (a, b, c) and the end of its
// longest valid match so far (best, -1: none). A run never has more than 21 open at once.
const RING = 64;
const at = new Int32Array(RING);
const pos = new Int32Array(RING);
const sa = new Int32Array(RING);
const sb = new Int32Array(RING);
const sc = new Int32Array(RING);
const best = new Int32Array(RING);

// One pass over a text: open starts are closed in order, the leftmost start with a match wins, with
// its longest match, and starts inside a match are dropped. A start closes once its run has gone
// more than `span` past it (its matches could only be longer than allowed), or when the run ends.
class Scan {
  head = 0;
  tail = 0;
  private out = "";
  private done = 0;

  constructor(
    readonly text: string,
    private readonly hide: Hide,
    private readonly span: number,
  ) {}

  open(start: number, p: number, a: number, b: number, c: number): void {
    const k = this.tail++ & (RING - 1);
    at[k] = start;
    pos[k] = p;
    sa[k] = a;
    sb[k] = b;
    sc[k] = c;
    best[k] = -1;
  }

  close(p: number, final: boolean): void {
    while (this.head !== this.tail && (final || p - pos[this.head & (RING - 1)]! > this.span)) {
      const k = this.head++ & (RING - 1);
      const end = best[k]!;
      if (end < 0 || at[k]! < this.done) continue;
      this.out += this.text.slice(this.done, at[k]) + this.hide(this.text.slice(at[k], end));
      this.done = end;
    }
  }

  result(): string {
    return this.out + this.text.slice(this.done);
  }
}

// Runs of digits with single spaces or dashes between them, not after a digit (the tail of a longer
// number) nor after "." (decimals in CSS and numbers written as text). Every window of whole digit
// groups of 13 to 19 digits is a candidate, longest first for each start: "4111 1111 1111 1111 123"
// (card then CVC) must still lose the card. Cards are written in groups of 3 digits or more (4-4-4-4,
// 4-6-5), the last one aside: a shorter group ends the run, so "1 2 3 4 …" costs nothing.
function scrubCards(text: string, hide: Hide): string {
  const scan = new Scan(text, hide, 19);
  for (let i = 0; i < text.length; ) {
    const prev = i > 0 ? text.charCodeAt(i - 1) : 0;
    if (!isDigit(text.charCodeAt(i)) || isDigit(prev) || prev === 46) {
      i++;
      continue;
    }
    // s0/s1: Luhn sums of the run so far, doubling the digits at even / odd positions. A window
    // [p, q) doubles the positions of the same parity as q, so its sum is a difference of one.
    let n = 0;
    let s0 = 0;
    let s1 = 0;
    for (let more = true; more; ) {
      const start = i;
      const n0 = n;
      const a = s0;
      const b = s1;
      for (let c = text.charCodeAt(i); isDigit(c); c = text.charCodeAt(++i), n++) {
        const d = c - 48;
        if (n & 1) {
          s0 += d;
          s1 += DOUBLED[d]!;
        } else {
          s0 += DOUBLED[d]!;
          s1 += d;
        }
      }
      const long = n - n0 >= 3;
      if (long) scan.open(start, n0, a, b, 0);
      // Oldest first: the windows of 13 to 19 digits are at the front.
      const s = n & 1 ? s1 : s0;
      const from = n & 1 ? sb : sa;
      for (let h = scan.head, end = scan.tail; h !== end; h++) {
        const k = h & (RING - 1);
        const digits = n - pos[k]!;
        if (digits < 13) break;
        if (digits <= 19 && (s - from[k]!) % 10 === 0) best[k] = i;
      }
      const sep = text.charCodeAt(i);
      more = long && (sep === 32 || sep === 45) && isDigit(text.charCodeAt(i + 1));
      scan.close(n, !more);
      if (more) i++;
    }
  }
  return scan.result();
}

// ISO 13616: two capital letters, two check digits, then up to 30 capitals and digits; 15 to 34
// characters, single spaces allowed between groups, starting and ending where a word does. Valid
// when the number, with the first four characters moved to the end and letters as 10..35, is 1
// mod 97. A running remainder over the run gives any window's in constant time.
function scrubIbans(text: string, hide: Hide): string {
  const scan = new Scan(text, hide, 34);
  for (let i = 0; i < text.length; ) {
    if (!isUpperOrDigit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let startable = i === 0 || !isAlnum(text.charCodeAt(i - 1));
    // n: characters of the run (spaces excluded); r: its value mod 97 and e: its length in digits,
    // both counted from before the oldest open start only (nothing to compute with none open).
    let n = 0;
    let r = 0;
    let e = 0;
    for (let more = true; more; ) {
      const c0 = text.charCodeAt(i);
      const c1 = text.charCodeAt(i + 1);
      if (startable && c0 >= 65 && c0 <= 90 && c1 >= 65 && c1 <= 90 && isDigit(text.charCodeAt(i + 2)) && isDigit(text.charCodeAt(i + 3))) {
        // The country and check digits as the number they end with; r and e after them.
        const c = value(c0) * 10_000 + value(c1) * 100 + value(text.charCodeAt(i + 2)) * 10 + value(text.charCodeAt(i + 3));
        scan.open(i, n, (r * POW97[6]! + c) % 97, e + 6, c);
      }
      if (scan.head === scan.tail) {
        r = e = 0;
        for (; isUpperOrDigit(text.charCodeAt(i)); i++) n++;
      }
      for (let c = text.charCodeAt(i); isUpperOrDigit(c); c = text.charCodeAt(++i), n++) {
        if (c < 58) {
          r = (r * 10 + c - 48) % 97;
          e++;
        } else {
          r = (r * 100 + c - 55) % 97;
          e += 2;
        }
      }
      if (!isAlnum(text.charCodeAt(i))) {
        for (let h = scan.head, end = scan.tail; h !== end; h++) {
          const k = h & (RING - 1);
          const chars = n - pos[k]!;
          if (chars < 15 || chars > 34) continue;
          const bban = (((r - sa[k]! * POW97[e - sb[k]!]!) % 97) + 97) % 97;
          if ((bban * POW97[6]! + sc[k]!) % 97 === 1) best[k] = i;
        }
      }
      more = text.charCodeAt(i) === 32 && isUpperOrDigit(text.charCodeAt(i + 1));
      scan.close(n, !more);
      if (more) i++;
      startable = true;
    }
  }
  return scan.result();
}

export function scrubText(text: string): { text: string; scrubbed: number } {
  if (!/\d/.test(text)) return { text, scrubbed: 0 };
  let scrubbed = 0;
  // Letters and digits become "*", separators stay (one piece per group).
  const hide = (s: string) => {
    scrubbed++;
    let out = "";
    let from = 0;
    for (let i = 0; i < s.length; i++) {
      if (isAlnum(s.charCodeAt(i))) continue;
      out += "*".repeat(i - from) + s[i];
      from = i + 1;
    }
    return out + "*".repeat(s.length - from);
  };
  // IBANs first (they start with capitals): their digits would otherwise be taken for (part of) a
  // card number.
  return { text: scrubCards(/[A-Z]/.test(text) ? scrubIbans(text, hide) : text, hide), scrubbed };
}

// Iterative: nesting depth is attacker-controlled and must not overflow the stack. `owned`: the
// value is the caller's own fresh object (the masker's output), scrubbed where it is rather than
// copied again; otherwise it is copied and never changed.
export function scrubSecrets<T>(event: T, owned = false): ScrubResult<T> {
  let scrubbed = 0;
  const scrub = (s: string) => {
    const r = scrubText(s);
    scrubbed += r.scrubbed;
    return r.text;
  };
  // defineProperty: a "__proto__" key from JSON stays a plain key instead of a prototype.
  const set = (target: object, key: string, value: unknown) => Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  const pending: [object, unknown[] | Record<string, unknown>][] = [];
  const copies = new Map<object, unknown>();
  const copy = (v: unknown): unknown => {
    if (typeof v === "string") return scrub(v);
    if (typeof v !== "object" || v === null) return v;
    const known = copies.get(v);
    if (known !== undefined) return known;
    const target: unknown[] | Record<string, unknown> = owned ? (v as unknown[] | Record<string, unknown>) : Array.isArray(v) ? [] : {};
    copies.set(v, target);
    pending.push([v, target]);
    return target;
  };
  const result = copy(event);
  for (let job = pending.pop(); job; job = pending.pop()) {
    const [src, target] = job;
    if (Array.isArray(src)) {
      src.forEach((item: unknown, i) => ((target as unknown[])[i] = copy(item)));
    } else {
      for (const [k, v] of Object.entries(src)) {
        const key = scrub(k);
        if (owned && key !== k) delete (target as Record<string, unknown>)[k];
        set(target, key, copy(v));
      }
    }
  }
  return { event: result as T, scrubbed };
}
