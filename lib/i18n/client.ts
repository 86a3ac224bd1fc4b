"use client";
// Formatting helpers for client components, reading the language and time zone the server chose
// (NextIntlClientProvider in app/layout.tsx).
import { useLocale, useTimeZone, useTranslations } from "next-intl";
import { ApiError } from "@/lib/ui/api";
import { formatDateTime, localeOrDefault, DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";

export function useLocaleTag(): Locale {
  return localeOrDefault(useLocale());
}

// (date) => "30 nov. 2026, 21:40 UTC+1": the reader's language and time zone, the zone named.
// `zone`: a time zone the page knows better than the request (the customer's, on an approval
// page opened signed out).
export function useDateTime(zone?: string | null): (date: Date | string | null) => string {
  const locale = useLocaleTag();
  const requestZone = useTimeZone();
  const timeZone = zone ?? requestZone ?? null;
  return (date) => formatDateTime(date, locale, timeZone);
}

// The catalog's general message for a failed call's status (0: the server was not reached).
function statusKey(status: number) {
  const byStatus = { 0: "unreachable", 400: "badInput", 401: "signInAgain", 403: "forbidden", 404: "notFound", 409: "conflict", 410: "gone", 413: "tooLarge", 429: "tooMany" } as const;
  return status in byStatus ? byStatus[status as keyof typeof byStatus] : "serverError";
}

// A failed call's message in the reader's language: a message the server marked for customers by
// its key, else, in English, the server's own message (it names the problem), else the general
// message for its status: a French page never shows an English sentence.
export function useErrorText(): (error: Error) => string {
  const t = useTranslations("errors");
  const locale = useLocaleTag();
  return (error) => {
    const status = error instanceof ApiError ? error.status : 500;
    if (error instanceof ApiError && error.key && t.has(error.key as Parameters<typeof t>[0])) return t(error.key as Parameters<typeof t>[0]);
    return locale === DEFAULT_LOCALE && error.message ? error.message : t(statusKey(status));
  };
}
