import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { PERMISSIONS, STAFF_ROLES } from "@/lib/auth/policy";
import { requestLocale } from "@/lib/i18n/server";
import { AccountActions } from "./account-actions";
import { NotificationSettings } from "./notification-settings";
import { AccountPreferences } from "./account-preferences";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("title") };
}

export default async function AccountPage() {
  const actor = await requirePagePermission("account:manage-own", "/account");
  const t = await getTranslations("account");
  const { locale, timeZone } = await requestLocale();
  return (
    <>
      <section className="panel">
        <h1>{t("title")}</h1>
        <p style={{ overflowWrap: "anywhere" }}>{t.rich("signedInAs", { email: actor.email, strong: (chunks) => <strong data-testid="account-email">{chunks}</strong> })}</p>
        <h2>{t("roles")}</h2>
        <p data-testid="account-roles">{actor.roles.map((r) => <span key={r} className="tag">{r}</span>)}</p>
        <h2>{t("mayDo")}</h2>
        <ul>
          {/* A customer's own permissions in their language; staff permissions stay English. */}
          {[...actor.permissions].sort().map((p) => (
            <li key={p}><code>{p}</code> — {t.has(`customerPermissions.${p}`) ? t(`customerPermissions.${p}`) : PERMISSIONS[p]}</li>
          ))}
        </ul>
      </section>
      {actor.permissions.has("ticket:read") && <NotificationSettings />}
      <AccountPreferences locale={locale} timeZone={timeZone} />
      <AccountActions isStaff={actor.roles.some((r) => STAFF_ROLES.includes(r))} />
    </>
  );
}
