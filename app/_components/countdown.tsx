"use client";
import { useEffect, useState } from "react";
import { formatRemaining } from "@/lib/ui/format";

// A deletion or access deadline, kept current while the page stays open.
export function Countdown({ until, label }: { until: string | null; label?: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time dateTime={until ?? undefined} title={until ?? undefined}>
      {label ? `${label} ` : ""}
      {formatRemaining(until, now)}
    </time>
  );
}
