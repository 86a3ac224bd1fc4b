"use client";
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";

// A deletion or access deadline, kept current while the page stays open.
export function Countdown({ until, label }: { until: string | null; label?: string }) {
  const t = useTranslations("common");
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const remaining = (): string => {
    if (!until) return "—";
    const ms = new Date(until).getTime() - now;
    if (ms <= 0) return t("dueNow");
    const minutes = Math.ceil(ms / 60_000);
    return minutes < 60 ? t("inMinutes", { minutes }) : t("inHours", { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
  };
  return (
    <time dateTime={until ?? undefined} title={until ?? undefined}>
      {label ? `${label} ` : ""}
      {remaining()}
    </time>
  );
}
