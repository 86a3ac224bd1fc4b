import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ConfirmRequest } from "./confirm-request";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("claim"))("title"), robots: { index: false } };
}

// The page behind the "Is this support request yours?" email. Opening it changes nothing: the
// button adds the request to the account (a link scanner confirms nothing).
export default async function ConfirmRequestPage() {
  const t = await getTranslations("claim");
  return (
    <section className="panel">
      <h1>{t("heading")}</h1>
      <ConfirmRequest />
    </section>
  );
}
