"use client";
import Link from "next/link";
import { useState } from "react";
import { Countdown } from "@/app/_components/countdown";
import { MessageThread, ReplyForm } from "@/app/_components/thread";
import { useDeleteOwnRecording } from "@/lib/ui/account";
import { useDeleteDeclinedRecording, useWithdrawReveal, type TDeletionReceipt } from "@/lib/ui/reveal";
import { useOwnTicket, useSetOwnTicketStatus, type TOwnTicket } from "@/lib/ui/tickets";
import { formatDateTime, formatDuration, STATUS_LABEL } from "@/lib/ui/format";
import { ReplayViewer } from "@/app/_components/replay-viewer";

// With who watched it and when (right of access), named as the approval named them.
type Recording = TOwnTicket["recordings"][number];

export function OwnTicketView({ id }: { id: string }) {
  const ticket = useOwnTicket(id);
  const setStatus = useSetOwnTicketStatus(id);
  // Kept here: the recording they are about is gone from the list once deleted.
  const [receipts, setReceipts] = useState<TDeletionReceipt[]>([]);

  if (ticket.isPending) return <p role="status" className="panel">Loading your request…</p>;
  if (ticket.isError) return <p role="alert" className="panel notice error">{ticket.error.message}</p>;
  const t = ticket.data;
  return (
    <>
      <section className="panel">
        <p><Link href="/support">← My requests</Link></p>
        <h1>{t.subject}</h1>
        <p className="muted">{t.site.name} · opened {formatDateTime(t.createdAt)} · <span className="tag" data-testid="ticket-status">{t.status}</span></p>
        {t.status !== "closed" ? (
          <button type="button" className="secondary" onClick={() => setStatus.mutate("closed")} disabled={setStatus.isPending}>Close this request (deletes its recordings)</button>
        ) : (
          <button type="button" className="secondary" onClick={() => setStatus.mutate("open")} disabled={setStatus.isPending}>Reopen</button>
        )}
        {setStatus.isError && <p className="error" role="alert">{setStatus.error.message}</p>}
      </section>
      <section className="panel" aria-labelledby="thread-h">
        <h2 id="thread-h">Conversation</h2>
        <MessageThread messages={t.messages} />
        <ReplyForm ticketId={id} side="own" label="Your reply" />
      </section>
      <section className="panel" aria-labelledby="rec-h">
        <h2 id="rec-h">Recordings of your visit</h2>
        {receipts.map((r) => (
          <p key={r.id} className="notice" role="status" data-testid="deletion-receipt">
            The recording was deleted on {formatDateTime(r.deletedAt)}. Deletion receipt: <code>{r.id}</code>.
          </p>
        ))}
        {t.recordings.length === 0 ? (
          <p>No recording is kept for this request.</p>
        ) : (
          t.recordings.map((r) => <OwnRecording key={r.id} ticketId={id} recording={r} onDeleted={(receipt) => setReceipts((all) => [...all, receipt])} />)
        )}
      </section>
    </>
  );
}

function OwnRecording({ ticketId, recording: r, onDeleted }: { ticketId: string; recording: Recording; onDeleted: (receipt: TDeletionReceipt) => void }) {
  const [watching, setWatching] = useState(false);
  const remove = useDeleteOwnRecording(ticketId);
  const withdraw = useWithdrawReveal(ticketId);
  // After a decline: the recording goes at once, with a receipt.
  const removeDeclined = useDeleteDeclinedRecording(ticketId, onDeleted);
  const error = remove.error ?? withdraw.error ?? removeDeclined.error;
  return (
    <article className="panel" style={{ background: "#fafbfc" }} data-testid="own-recording">
      <p>
        Recorded {formatDateTime(r.startedAt)} ({formatDuration(r.durationSeconds)}) on {r.pages.length ? r.pages.join(", ") : "—"}.
        <br />
        Kept: {r.keepsUnmasked ? "a masked copy and a sealed unmasked copy nobody can read without your approval" : "a masked copy only (what you typed or read is hidden)"}. Passwords and card numbers are never recorded.
        <br />
        Deleted automatically <Countdown until={r.deleteAfter} />.
      </p>
      <p>
        <button type="button" className="secondary" onClick={() => setWatching((w) => !w)}>{watching ? "Close my recording" : "Watch my recording"}</button>
      </p>
      {watching && <ReplayViewer recordingId={r.id} scope="masked" audience="customer" />}
      <h3 style={{ fontSize: "1rem" }}>Requests to view it</h3>
      {r.reveals.length === 0 ? (
        <p className="muted">Nobody asked to view it.</p>
      ) : (
        <ul aria-label="Requests to view this recording">
          {r.reveals.map((v) => (
            <li key={v.id}>
              {v.requester} asked on {formatDateTime(v.createdAt)} to view it {v.scope === "unmasked" ? "unmasked" : "masked"}: “{v.justification}” — <strong>{STATUS_LABEL[v.status] ?? v.status}</strong>
              {(v.status === "approved" || v.status === "pending") && (
                <button type="button" className="secondary" style={{ marginLeft: 8 }} onClick={() => withdraw.mutate(v.id)} disabled={withdraw.isPending}>
                  {v.status === "approved" ? "Withdraw my approval" : "Cancel this request"}
                </button>
              )}
              {v.status === "declined" && (
                <>
                  {" "}You declined: you can have the recording deleted now.
                  <button type="button" style={{ marginLeft: 8 }} onClick={() => removeDeclined.mutate(v.id)} disabled={removeDeclined.isPending}>
                    {removeDeclined.isPending ? "Deleting…" : "Delete the recording now"}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <h3 style={{ fontSize: "1rem" }}>Who watched it</h3>
      {r.views.length === 0 ? (
        <p className="muted" data-testid="recording-views">Nobody from support has watched it.</p>
      ) : (
        <ul data-testid="recording-views">
          {r.views.map((v, i) => (
            <li key={i}>
              {v.viewer} watched it {v.scope === "unmasked" ? "unmasked" : "masked"} on {formatDateTime(v.at)}
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="secondary" onClick={() => remove.mutate(r.id)} disabled={remove.isPending}>{remove.isPending ? "Deleting…" : "Delete this recording now"}</button>
      {error && <p className="error" role="alert">{error.message}</p>}
    </article>
  );
}
