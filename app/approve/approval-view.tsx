"use client";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useSyncExternalStore } from "react";
import { api } from "@/lib/ui/api";
import { formatDateTime } from "@/lib/ui/format";

type Details = { siteName: string; ticketSubject: string; agent: string; justification: string; scope: "masked" | "unmasked"; recordedAt: string; pages: string[]; viewHours: number; deleteAfter: string | null };

// The token arrives in the URL fragment (never sent to a server by the browser); it is read once,
// removed from the address bar, and posted only to look the request up and to answer it.
function readFragment(): { token: string; decision: "approve" | "decline" | null } | null {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const token = params.get("token");
  if (!token) return null;
  window.history.replaceState(null, "", window.location.pathname);
  const decision = params.get("decision");
  return { token, decision: decision === "approve" || decision === "decline" ? decision : null };
}

// Read once per page load: the fragment is cleared right after, so later reads return this copy.
let captured: ReturnType<typeof readFragment> | undefined;
const captureLink = () => (captured === undefined ? (captured = readFragment()) : captured);
const noSubscription = () => () => {};

export function ApprovalView() {
  const link = useSyncExternalStore(noSubscription, captureLink, () => undefined);
  const lookup = useMutation({ mutationFn: (token: string) => api<Details>("/api/v1/approvals/lookup", { method: "POST", body: { token } }) });
  const decide = useMutation({ mutationFn: (decision: "approve" | "decline") => api<{ status: string; ticketId: string }>("/api/v1/approvals/decide", { method: "POST", body: { token: link!.token, decision } }) });
  const { mutate: look } = lookup;

  useEffect(() => {
    if (link) look(link.token);
  }, [link, look]);

  if (link === undefined) return <p role="status">Opening the request…</p>;
  if (link === null) return <p className="notice error" role="alert">This page needs the link from the email. Open the email again and use one of its buttons.</p>;
  if (lookup.isPending || lookup.isIdle) return <p role="status">Loading the request…</p>;
  if (lookup.isError) return <p className="notice error" role="alert" data-testid="approval-error">{lookup.error.message}</p>;
  if (decide.isSuccess) {
    return (
      <p className="notice" role="status" data-testid="approval-result">
        {decide.data.status === "approved"
          ? `Thank you. The agent can view the recording for ${lookup.data.viewHours} hours at most. You can withdraw your approval at any time from your request's page.`
          : "You declined. Nobody will view this recording."}{" "}
        <a href={`/support/tickets/${decide.data.ticketId}`}>Go to your request</a>
      </p>
    );
  }
  const d = lookup.data;
  return (
    <>
      <dl style={{ display: "grid", gridTemplateColumns: "max-content 1fr", gap: "6px 16px" }}>
        <dt>Who asks</dt><dd>{d.agent}, support team of {d.siteName}</dd>
        <dt>About</dt><dd>Your request “{d.ticketSubject}”</dd>
        <dt>Why</dt><dd data-testid="approval-justification">{d.justification}</dd>
        <dt>The recording</dt><dd>{formatDateTime(d.recordedAt)} — {d.pages.join(", ") || "pages not recorded"}</dd>
        <dt>What would be visible</dt>
        <dd>{d.scope === "masked" ? "Your clicks, scrolling and the page layout. Everything you typed or read stays masked." : "The pages as you saw them, including what you typed (unmasked)."} Passwords and card numbers are never recorded.</dd>
        <dt>For how long</dt><dd>{d.viewHours} hours at most, and never after the recording is deleted ({formatDateTime(d.deleteAfter)}).</dd>
      </dl>
      {decide.isError && <p className="error" role="alert">{decide.error.message}</p>}
      <div style={{ display: "flex", gap: 12 }}>
        <button type="button" onClick={() => decide.mutate("approve")} disabled={decide.isPending} autoFocus={link.decision === "approve"}>Approve viewing</button>
        <button type="button" className="secondary" onClick={() => decide.mutate("decline")} disabled={decide.isPending} autoFocus={link.decision === "decline"}>Decline</button>
      </div>
    </>
  );
}
