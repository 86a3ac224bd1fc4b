// The languages a customer sees, and how one is picked from what a browser says. Pure and
// browser-safe: the server's request config, the SDK ticket schema and the account form use it.
export const LOCALES = ["en", "fr"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

// A stored language (User.locale) as one we have, else the default.
export function localeOrDefault(value: unknown): Locale {
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

// A BCP 47 tag ("fr-CA", "EN_gb", "fr") reduced to the language we have for it, or null.
export function reduceLocale(tag: string): Locale | null {
  const language = tag.trim().toLowerCase().split(/[-_]/)[0];
  return isLocale(language) ? language : null;
}

// The best of an Accept-Language header among LOCALES (highest q first, the header's order on a
// tie; q=0 means "not this one"), else the default.
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { locale: reduceLocale(tag), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r): r is { locale: Locale; weight: number; index: number } => r.locale !== null && r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranked[0]?.locale ?? DEFAULT_LOCALE;
}

// An IANA time zone name the runtime knows ("Europe/Paris"); Intl throws a RangeError otherwise.
export function isTimeZone(value: string): boolean {
  if (value.length === 0 || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

// A date and time for the reader: their language, their time zone (UTC when we do not know it),
// and the zone named, so "14:05" is never ambiguous.
export function formatDateTime(date: Date | string | null, locale: Locale, timeZone: string | null): string {
  if (date === null) return "—";
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : locale, {
    day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit",
    timeZone: timeZone ?? "UTC", timeZoneName: "short",
  }).format(typeof date === "string" ? new Date(date) : date);
}
