import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ConfirmSignIn } from "./confirm-sign-in";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signInConfirm"))("title"), robots: { index: false } };
}

// The page behind the sign-in email's link. Opening it signs nobody in: only its button does, a
// same-origin POST, so a link planted by another site (login CSRF) or opened by a mail scanner
// does nothing, and whoever clicks sees which account they are about to use.
export default async function ConfirmSignInPage() {
  const t = await getTranslations("signInConfirm");
  return (
    <section className="panel">
      <h1>{t("heading")}</h1>
      <ConfirmSignIn />
    </section>
  );
}
