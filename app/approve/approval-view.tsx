"use client";
import { useEffect, useSyncExternalStore } from "react";
import { formatDateTime } from "@/lib/ui/format";
import { useApprovalDecision, useApprovalLookup, useDeleteDeclinedByLink } from "@/lib/ui/reveal";
import { personLabel, spellDuration } from "@/lib/reveal/approval-text";

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

// Durations from the server's clock at lookup, so a wrong clock on the customer's device changes nothing.
const leftUntil = (until: string, now: string) => spellDuration(new Date(until).getTime() - new Date(now).getTime());

export function ApprovalView() {
  const link = useSyncExternalStore(noSubscription, captureLink, () => undefined);
  // The facts the email gave, read again from the server: the agent the approval would name, the
  // scope, the recording as it stands, what stays masked in its mode, and the real deadlines.
  const lookup = useApprovalLookup();
  const decide = useApprovalDecision();
  const { mutate: look } = lookup;

  useEffect(() => {
    if (link) look(link.token);
  }, [link, look]);

  if (link === undefined) return <p role="status">Opening the request…</p>;
  if (link === null) return <p className="notice error" role="alert">This page needs the link from the email. Open the email again and use one of its buttons.</p>;
  if (lookup.isPending || lookup.isIdle) return <p role="status">Loading the request…</p>;
  if (lookup.isError) return <p className="notice error" role="alert" data-testid="approval-error">{lookup.error.message}</p>;
  const d = lookup.data;
  if (decide.data?.status === "approved") {
    const r = decide.data;
    return (
      <p className="notice" role="status" data-testid="approval-result">
        Thank you. The agent can view the recording: {r.agent} alone, what was recorded up to {formatDateTime(r.coversUntil)}, until {formatDateTime(r.accessUntil)} at the latest. You can withdraw your approval at any time from your request&apos;s page.{" "}
        <a href={`/support/tickets/${r.ticketId}`}>Go to your request</a>
      </p>
    );
  }
  if (decide.data?.status === "declined" || d.status === "declined") return <Declined token={link.token} ticketId={d.ticketId} deleteAfter={d.deadlines.deleteAfter} />;
  const agent = personLabel(d.agent);
  return (
    <>
      <dl style={{ display: "grid", gridTemplateColumns: "max-content 1fr", gap: "6px 16px" }}>
        <dt>Who asks</dt><dd data-testid="approval-agent">{agent}, support team of {d.siteName}. If you approve, this person alone may watch.</dd>
        <dt>About</dt><dd>Your request “{d.ticketSubject}”</dd>
        <dt>Why</dt><dd data-testid="approval-justification">{d.justification}</dd>
        <dt>The recording</dt>
        <dd data-testid="approval-recording">
          Made {formatDateTime(d.recordedAt)}, {spellDuration(d.durationSeconds * 1000)} long. Pages: {d.pages.join(", ") || "not recorded"}. Your approval covers what was recorded up to your answer, nothing recorded later.
        </dd>
        <dt>What would be visible</dt>
        <dd data-testid="approval-masking">{d.masking.join(" ")} Passwords and card numbers are never recorded.</dd>
        <dt>For how long</dt>
        <dd data-testid="approval-deadlines">
          {agent} could watch it for at most {leftUntil(d.deadlines.viewUntil, d.now)}, never after the recording is deleted
          {d.deadlines.deleteAfter ? ` (in ${leftUntil(d.deadlines.deleteAfter, d.now)}, ${formatDateTime(d.deadlines.deleteAfter)}, whatever you choose)` : ""}. This link works for {leftUntil(d.deadlines.linkUntil, d.now)}.
        </dd>
      </dl>
      {decide.isError && <p className="error" role="alert">{decide.error.message}</p>}
      <div style={{ display: "flex", gap: 12 }}>
        <button type="button" onClick={() => decide.mutate({ token: link.token, decision: "approve" })} disabled={decide.isPending} autoFocus={link.decision === "approve"}>Approve viewing</button>
        <button type="button" className="secondary" onClick={() => decide.mutate({ token: link.token, decision: "decline" })} disabled={decide.isPending} autoFocus={link.decision === "decline"}>Decline</button>
      </div>
    </>
  );
}

// After a decline: nobody watches; the customer may also have the recording deleted now.
function Declined({ token, ticketId, deleteAfter }: { token: string; ticketId: string; deleteAfter: string | null }) {
  const remove = useDeleteDeclinedByLink(token);
  return (
    <div className="notice" role="status" data-testid="approval-result">
      <p>You declined. Nobody will view this recording.</p>
      {remove.isSuccess ? (
        <p data-testid="deletion-receipt">
          The recording was deleted on {formatDateTime(remove.data.receipt.deletedAt)}. Deletion receipt: <code>{remove.data.receipt.id}</code>.
        </p>
      ) : (
        <p>
          It would otherwise be deleted {deleteAfter ? `on ${formatDateTime(deleteAfter)}` : "a few hours after your visit"}.{" "}
          <button type="button" onClick={() => remove.mutate()} disabled={remove.isPending}>{remove.isPending ? "Deleting…" : "Delete the recording now"}</button>
        </p>
      )}
      {remove.isError && <p className="error" role="alert">{remove.error.message}</p>}
      <a href={`/support/tickets/${ticketId}`}>Go to your request</a>
    </div>
  );
}
