import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import "./globals.css";
import { Providers } from "./providers";
import { SignOutButton } from "./sign-out-button";
import { ADMIN_AREA_PERMISSIONS } from "./admin/guard";
import { currentActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import { devMailboxEnabled } from "@/lib/config/env";

// Every page depends on who is signed in, and the CSP nonce is per request.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Replaydesk", template: "%s · Replaydesk" },
  description: "Support desk with consent-first session replay.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  const locale = await getLocale();
  const t = await getTranslations("layout");
  // Staff pages stay English; what a customer or visitor sees follows the request's language.
  return (
    <html lang={locale}>
      <body>
        <a className="skip-link" href="#main">{t("skipToContent")}</a>
        <header className="topbar">
          <Link className="brand" href="/">Replaydesk</Link>
          <nav aria-label="Main">
            {can(actor, "ticket:read") && <Link href="/desk">Desk</Link>}
            {can(actor, "ticket:read-own") && <Link href="/support">{t("myTickets")}</Link>}
            {can(actor, "unmask:custody") && <Link href="/custody">Key custody</Link>}
            {ADMIN_AREA_PERMISSIONS.some((p) => can(actor, p)) && <Link href="/admin">Admin</Link>}
            {devMailboxEnabled() && <Link href="/dev/mailbox">Dev mailbox</Link>}
            {actor ? (
              <>
                <Link href="/account">{actor.email}</Link>
                <SignOutButton label={t("signOut")} />
              </>
            ) : (
              <Link href="/signin">{t("signIn")}</Link>
            )}
          </nav>
        </header>
        <main id="main">
          <NextIntlClientProvider>
            <Providers>{children}</Providers>
          </NextIntlClientProvider>
        </main>
      </body>
    </html>
  );
}
