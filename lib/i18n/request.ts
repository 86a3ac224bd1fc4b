// next-intl's request configuration (named in next.config.mjs): the catalog and time zone each
// server component and, through NextIntlClientProvider, each client component formats with.
import { getRequestConfig } from "next-intl/server";
import { CATALOGS } from "@/lib/i18n/catalogs";
import { requestLocale } from "@/lib/i18n/server";

export default getRequestConfig(async () => {
  const { locale, timeZone } = await requestLocale();
  return { locale, timeZone: timeZone ?? "UTC", messages: CATALOGS[locale] };
});
