import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { devMailboxEnabled } from "@/lib/config/env";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("checkEmail"))("title") };
}

export default async function CheckEmailPage({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const { email } = await searchParams;
  const t = await getTranslations("checkEmail");
  return (
    <section className="panel">
      <h1>{t("title")}</h1>
      <p role="status" style={{ overflowWrap: "anywhere" }}>
        {email ? t.rich("sentTo", { email, strong: (chunks) => <strong>{chunks}</strong> }) : t("sent")}
      </p>
      {devMailboxEnabled() && (
        <p>
          {t.rich("devMailbox", { link: (chunks) => <Link href={`/dev/mailbox${email ? `?to=${encodeURIComponent(email)}` : ""}`}>{chunks}</Link> })}
        </p>
      )}
      <p><Link href="/signin">{t("otherAddress")}</Link></p>
    </section>
  );
}
