import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/db/client";
import { isLocale, negotiateLocale, type Locale } from "@/lib/i18n/locales";

export type RequestLocale = { locale: Locale; timeZone: string | null };

// The language of a request: the signed-in account's (chosen on the account page, or taken from
// the browser when the account was created), else the best of Accept-Language, else English. No
// locale in the URL: a link in an email opens in the reader's language.
async function chooseLocale(userId: string | undefined, acceptLanguage: string | null): Promise<RequestLocale> {
  const user = userId ? await db().user.findUnique({ where: { id: userId }, select: { locale: true, timeZone: true } }) : null;
  if (user && isLocale(user.locale)) return { locale: user.locale, timeZone: user.timeZone };
  return { locale: negotiateLocale(acceptLanguage), timeZone: user?.timeZone ?? null };
}

// For pages (next-intl's request config, server components).
export async function requestLocale(): Promise<RequestLocale> {
  const session = await getServerSession(authOptions());
  return chooseLocale(session?.user?.id, (await headers()).get("accept-language"));
}

// For a route handler that answers in words (the approval lookup), from its own request.
export async function routeLocale(req: Request, viewer: { userId: string } | null): Promise<Locale> {
  return (await chooseLocale(viewer?.userId, req.headers.get("accept-language"))).locale;
}
