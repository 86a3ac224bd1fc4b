"use client";
// Formatting helpers for client components, reading the language and time zone the server chose
// (NextIntlClientProvider in app/layout.tsx).
import { useLocale, useTimeZone } from "next-intl";
import { formatDateTime, isLocale, DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";

export function useLocaleTag(): Locale {
  const locale = useLocale();
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}

// (date) => "30 nov. 2026, 21:40 UTC+1": the reader's language and time zone, the zone named.
export function useDateTime(): (date: Date | string | null) => string {
  const locale = useLocaleTag();
  const timeZone = useTimeZone() ?? null;
  return (date) => formatDateTime(date, locale, timeZone);
}
