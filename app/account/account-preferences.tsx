"use client";
import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/lib/i18n/client";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { useSetAccountPreferences } from "@/lib/ui/account";

// Each language named in itself, so a reader finds theirs whatever the page's language.
const LANGUAGE_NAMES: Record<Locale, string> = { en: "English", fr: "Français" };

export function AccountPreferences({ locale, timeZone }: { locale: Locale; timeZone: string | null }) {
  const t = useTranslations("account");
  const errorText = useErrorText();
  const [form, setForm] = useState({ locale, timeZone: timeZone ?? "" });
  const save = useSetAccountPreferences();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ locale: form.locale, timeZone: form.timeZone.trim() || null });
  };
  const deviceZone = () => setForm({ ...form, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
  return (
    <section className="panel" aria-labelledby="preferences-h">
      <h2 id="preferences-h">{t("preferences")}</h2>
      <p>{t("preferencesIntro")}</p>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="locale">{t("language")}</label>
          <select id="locale" value={form.locale} onChange={(e) => setForm({ ...form, locale: e.target.value as Locale })}>
            {LOCALES.map((l) => <option key={l} value={l} lang={l}>{LANGUAGE_NAMES[l]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="time-zone">{t("timeZone")}</label>
          <input id="time-zone" value={form.timeZone} onChange={(e) => setForm({ ...form, timeZone: e.target.value })} placeholder="UTC" aria-describedby="time-zone-hint" aria-invalid={save.error?.fields.timeZone ? true : undefined} />
          <p id="time-zone-hint" className="muted">{timeZone ? t("timeZoneHint") : `${t("timeZoneHint")} ${t("timeZoneUnset")}`}</p>
          <button type="button" className="secondary" onClick={deviceZone}>{t("useBrowserZone")}</button>
        </div>
        {save.isError && <p className="error" role="alert">{errorText(save.error)}</p>}
        {save.isSuccess && <p className="notice" role="status">{t("saved")}</p>}
        <button type="submit" disabled={save.isPending}>{t("save")}</button>
      </form>
    </section>
  );
}
