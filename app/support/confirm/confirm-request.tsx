"use client";
import { useSyncExternalStore } from "react";
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
  if (token === undefined) return <p role="status">Opening the link…</p>;
  if (token === null) return <p className="notice error" role="alert">This page needs the link from the email. Open the email again and use its button.</p>;
  if (confirm.isSuccess) {
    return (
      <p className="notice" role="status" data-testid="confirm-result">
        Thank you. The request is in your account. <a href={`/support/tickets/${confirm.data.ticketId}`}>Go to your request</a> (sign in with this email address if asked).
      </p>
    );
  }
  return (
    <>
      <p>A support request was sent with your email address. Add it to your account only if you sent it yourself; otherwise close this page and it stays out of your account.</p>
      {confirm.isError && <p className="error" role="alert">{confirm.error.message}</p>}
      <button type="button" onClick={() => confirm.mutate(token)} disabled={confirm.isPending}>Yes, it is my request</button>
    </>
  );
}
