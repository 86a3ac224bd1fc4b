// Translation outside React: emails, the worker, scripts. Same catalogs and ICU syntax as the pages.
import { createTranslator } from "use-intl/core";
import { CATALOGS, type Messages } from "@/lib/i18n/catalogs";
import type { Locale } from "@/lib/i18n/locales";

// emailTranslator("fr", "approve")("howLongText", { agent, viewFor, linkFor }): a message of one
// namespace of messages/fr.json. A template moved onto the catalogs takes the recipient's
// User.locale and builds its texts with this, and its dates with formatDateTime (lib/i18n/locales.ts).
export function emailTranslator<N extends keyof Messages>(locale: Locale, namespace: N) {
  return createTranslator({ locale, messages: CATALOGS[locale], namespace });
}
