import type { Locale } from "@/lib/mail/templates/layout";

// A date and time as the recipient reads it: their language and their time zone (User.timeZone),
// named in the text ("UTC" when they have none, or one this runtime does not know).
export function formatDateTime(date: Date, locale: Locale, timeZone: string | null): string {
  const format = (zone: string) =>
    new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", { dateStyle: "long", timeStyle: "short", timeZone: zone }).format(date) + ` (${zone})`;
  if (timeZone) {
    try {
      return format(timeZone);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
    }
  }
  return format("UTC");
}
