import type { Locale } from "@/lib/mail/templates/layout";

// A date and time as the recipient reads it: their language and their time zone (User.timeZone,
// UTC when unset), the zone named so "14:05" is never ambiguous. The same output as the i18n
// branch's formatDateTime (lib/i18n/locales.ts), which replaces this module when both are merged.
export function formatDateTime(date: Date, locale: Locale, timeZone: string | null): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : locale, {
    day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit",
    timeZone: timeZone ?? "UTC", timeZoneName: "short",
  }).format(date);
}
