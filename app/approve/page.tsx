import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ApprovalView } from "./approval-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("approve");
  return { title: t("title"), robots: { index: false } };
}

// The page behind the approval email's links. It shows the request and acts only on a button
// click (a POST): a link scanner that opens the link approves nothing.
export default async function ApprovePage() {
  const t = await getTranslations("approve");
  return (
    <section className="panel">
      <h1>{t("heading")}</h1>
      <ApprovalView />
    </section>
  );
}
