"use client";
import { useSyncExternalStore } from "react";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/lib/i18n/client";
import { useConfirmTicketClaim } from "@/lib/ui/tickets";

// The token arrives in the URL fragment (never sent to a server by the browser); it is read once,
// removed from the address bar, and posted only by the button.
function readFragment(): string | null {
  const token = new URLSearchParams(window.location.hash.slice(1)).get("token");
  if (token) window.history.replaceState(null, "", window.location.pathname);
  return token;
}

let captured: string | null | undefined;
const captureToken = () => (captured === undefined ? (captured = readFragment()) : captured);
const noSubscription = () => () => {};

export function ConfirmRequest() {
  const token = useSyncExternalStore(noSubscription, captureToken, () => undefined);
  const confirm = useConfirmTicketClaim();
  const t = useTranslations("claim");
  const errorText = useErrorText();
  const tc = useTranslations("common");
  if (token === undefined) return <p role="status">{t("opening")}</p>;
  if (token === null) return <p className="notice error" role="alert">{t("needsLink")}</p>;
  if (confirm.isSuccess) {
    return (
      <p className="notice" role="status" data-testid="confirm-result">
        {t("done")} <a href={`/support/tickets/${confirm.data.ticketId}`}>{tc("goToRequest")}</a> {t("signInHint")}
      </p>
    );
  }
  return (
    <>
      <p>{t("explain")}</p>
      {confirm.isError && <p className="error" role="alert">{errorText(confirm.error)}</p>}
      <button type="button" onClick={() => confirm.mutate(token)} disabled={confirm.isPending}>{t("confirm")}</button>
    </>
  );
}
