import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/db/client";
import { isLocale, negotiateLocale, type Locale } from "@/lib/i18n/locales";

export type RequestLocale = { locale: Locale; timeZone: string | null };

// The language of this request: the signed-in account's (chosen on the account page, or taken from
// the browser when the account was created), else the best of Accept-Language, else English. No
// locale in the URL: a link in an email opens in the reader's language.
export async function requestLocale(): Promise<RequestLocale> {
  const session = await getServerSession(authOptions());
  const userId = session?.user?.id;
  const user = userId ? await db().user.findUnique({ where: { id: userId }, select: { locale: true, timeZone: true } }) : null;
  if (user && isLocale(user.locale)) return { locale: user.locale, timeZone: user.timeZone };
  return { locale: negotiateLocale((await headers()).get("accept-language")), timeZone: user?.timeZone ?? null };
}
