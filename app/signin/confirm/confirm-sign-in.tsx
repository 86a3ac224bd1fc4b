"use client";
import { useState, useSyncExternalStore, type FormEvent } from "react";
import { useTranslations } from "next-intl";

type Link = { token: string; email: string; callbackUrl: string };

// The link's fields arrive in the URL fragment (never sent to a server by the browser); they are
// read once, removed from the address bar, and posted only by the button.
function readFragment(): Link | null {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const token = params.get("token");
  const email = params.get("email");
  if (!token || !email) return null;
  window.history.replaceState(null, "", window.location.pathname);
  return { token, email, callbackUrl: params.get("callbackUrl") ?? "/account" };
}

// Read once per page load: the fragment is cleared right after, so later reads return this copy.
let captured: ReturnType<typeof readFragment> | undefined;
const captureLink = () => (captured === undefined ? (captured = readFragment()) : captured);
const noSubscription = () => () => {};

export function ConfirmSignIn() {
  const link = useSyncExternalStore(noSubscription, captureLink, () => undefined);
  const [sending, setSending] = useState(false);
  const t = useTranslations("signInConfirm");
  const [failed, setFailed] = useState(false);

  // A fetch rather than a plain form post: with the app's Referrer-Policy (no-referrer) a form
  // navigation carries `Origin: null`, which the same-origin check refuses. next-auth answers JSON
  // ({ url }: where to go, the callbackUrl or its error page) and sets the session cookie.
  async function confirm(e: FormEvent) {
    e.preventDefault();
    setSending(true);
    const res = await fetch("/api/auth/callback/email", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...link!, json: "true" }),
      credentials: "same-origin",
    }).catch(() => null);
    const next = ((await res?.json().catch(() => null)) as { url?: string } | null)?.url;
    if (next) return window.location.assign(next);
    setSending(false);
    setFailed(true);
  }

  if (link === undefined) return <p role="status">{t("opening")}</p>;
  if (link === null) {
    return <p className="notice error" role="alert">{t.rich("needsLink", { link: (chunks) => <a href="/signin">{chunks}</a> })}</p>;
  }
  return (
    <>
      <p>{t("aboutTo")}</p>
      <p data-testid="confirm-email" style={{ fontSize: "1.5rem", fontWeight: 700, overflowWrap: "anywhere" }}>{link.email}</p>
      <p className="muted">{t("warning")}</p>
      {failed && <p className="error" role="alert">{t("failed")}</p>}
      <form onSubmit={confirm}>
        <button type="submit" disabled={sending} autoFocus style={{ overflowWrap: "anywhere" }}>{t("submit", { email: link.email })}</button>
      </form>
    </>
  );
}
