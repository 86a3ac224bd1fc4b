// What may be seen of a URL: the ONE definition, used by the masker (links, resources and the page
// URL of every masked event, in the browser and at ingest), by ingest for the page list stored with
// a recording (shown to agents and customers, written in approval emails), and by the upgrade that
// masks page lists stored before it. Browser-safe: no imports.
//
// Query strings and fragments never survive (emails, tokens, search terms), nor userinfo, nor the
// payload of non-http schemes (mailto:, tel:, data:, javascript:). Path segments are shown only when
// the site lists them as safe (`pathSegmentAllowList`; "*" lists every segment) and they do not look
// like an identifier; every other segment becomes `:id`. A site that lists nothing shows no segment.

export const MASKED_SEGMENT = ":id";
export const ANY_SEGMENT = "*";

// Identifiers in a path: an email, 4 digits in a row (ids, dates of birth, order numbers), 12 hex
// characters in a row (UUIDs, hashes), and base64url tokens: a run of 16+ such characters that has
// an uppercase letter or an underscore, or a part between hyphens mixing letters and digits (slugs
// are lowercase words and short numbers).
export function isIdLike(segment: string): boolean {
  let s = segment;
  try {
    s = decodeURIComponent(segment);
  } catch {
    // Not valid percent-encoding: judged as written.
  }
  if (/@|\d{4}|[\da-f]{12}/i.test(s)) return true;
  return (s.match(/[\w-]{16,}/g) ?? []).some((run) => run.split("-").some((part) => /[A-Z_]/.test(part) || (/\d/.test(part) && /[a-z]/i.test(part))));
}

export function maskPath(path: string, allowList: readonly string[]): string {
  const any = allowList.includes(ANY_SEGMENT);
  return path
    .split("/")
    .map((segment) => (segment === "" || segment === MASKED_SEGMENT || (!isIdLike(segment) && (any || allowList.includes(segment.toLowerCase()))) ? segment : MASKED_SEGMENT))
    .join("/");
}

// Any URL as found in a page (absolute, protocol-relative or relative): origin (without userinfo)
// and masked path.
export function maskUrl(url: string, allowList: readonly string[]): string {
  const u = url.trim();
  const scheme = /^([a-z][a-z\d+.-]*):/i.exec(u)?.[1];
  if (scheme && !/^https?$/i.test(scheme)) return `${scheme}:`;
  const [, origin = "", path = ""] = /^((?:https?:)?\/\/[^/?#\\]*)?([^?#]*)/i.exec(u) ?? [];
  return origin.replace(/\/\/[^@]*@/, "//") + maskPath(path, allowList);
}

// The page of a recording as stored and shown: origin and masked path, only on one of the site's
// allowed origins (a forged upload must not get a foreign address into an approval email); null
// otherwise.
export function recordedPage(url: string, allowedOrigins: readonly string[], allowList: readonly string[]): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return allowedOrigins.includes(parsed.origin) ? parsed.origin + maskPath(parsed.pathname, allowList) : null;
}

// Sensitive pages: per-site patterns of paths where nothing is recorded at all. `*` matches any
// characters ("/health/*" also matches "/health" itself); matching ignores case, percent-encoding
// and repeated slashes, so that "/%48ealth//x" is still a health page.
export function isSensitivePage(url: string, patterns: readonly string[]): boolean {
  if (patterns.length === 0) return false;
  let path = /^[a-z][a-z\d+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(url.trim())?.[1] ?? url.replace(/[?#][\s\S]*/, "");
  try {
    path = decodeURIComponent(path);
  } catch {
    // Judged as written.
  }
  path = `/${path}`.replace(/\/+/g, "/").toLowerCase();
  return patterns.some((pattern) => {
    const body = pattern.toLowerCase().replace(/\/\*$/, "\u0000").replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace("\u0000", "(?:/.*)?");
    return new RegExp(`^${body}$`).test(path) || new RegExp(`^${body}$`).test(path.replace(/\/$/, ""));
  });
}
