"use client";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Countdown } from "@/app/_components/countdown";
import { MessageThread, ReplyForm } from "@/app/_components/thread";
import { api, ticketKeys } from "@/lib/ui/api";
import { formatDateTime, formatDuration, STATUS_LABEL } from "@/lib/ui/format";
import type { Recording } from "@/app/desk/tickets/[id]/desk-ticket-view";

type OwnTicket = {
  id: string; subject: string; status: string; site: { name: string }; createdAt: string;
  messages: { id: string; authorRole: string; author: string; body: string; createdAt: string }[];
  recordings: Recording[];
};

export function OwnTicketView({ id }: { id: string }) {
  const client = useQueryClient();
  const ticket = useQuery({ queryKey: ticketKeys.ownDetail(id), queryFn: () => api<OwnTicket>(`/api/v1/me/tickets/${id}`) });
  const refresh = () => client.invalidateQueries({ queryKey: ticketKeys.ownDetail(id) });
  const setStatus = useMutation({ mutationFn: (status: "open" | "closed") => api(`/api/v1/me/tickets/${id}`, { method: "PATCH", body: { status } }), onSuccess: refresh });

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
        <ReplyForm path={`/api/v1/me/tickets/${id}/messages`} onSent={refresh} label="Your reply" />
      </section>
      <section className="panel" aria-labelledby="rec-h">
        <h2 id="rec-h">Recordings of your visit</h2>
        {t.recordings.length === 0 ? (
          <p>No recording is kept for this request.</p>
        ) : (
          t.recordings.map((r) => <OwnRecording key={r.id} recording={r} onChange={refresh} />)
        )}
      </section>
    </>
  );
}

function OwnRecording({ recording: r, onChange }: { recording: Recording; onChange: () => void }) {
  const remove = useMutation({ mutationFn: () => api(`/api/v1/recordings/${r.id}`, { method: "DELETE" }), onSuccess: onChange });
  const withdraw = useMutation({ mutationFn: (revealId: string) => api(`/api/v1/me/reveals/${revealId}/withdraw`, { method: "POST" }), onSuccess: onChange });
  return (
    <article className="panel" style={{ background: "#fafbfc" }} data-testid="own-recording">
      <p>
        Recorded {formatDateTime(r.startedAt)} ({formatDuration(r.durationSeconds)}) on {r.pages.length ? r.pages.join(", ") : "—"}.
        <br />
        Kept: {r.keepsUnmasked ? "a masked copy and a sealed unmasked copy nobody can read without your approval" : "a masked copy only (what you typed or read is hidden)"}. Passwords and card numbers are never recorded.
        <br />
        Deleted automatically <Countdown until={r.deleteAfter} />.
      </p>
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
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="secondary" onClick={() => remove.mutate()} disabled={remove.isPending}>{remove.isPending ? "Deleting…" : "Delete this recording now"}</button>
      {(remove.isError || withdraw.isError) && <p className="error" role="alert">{(remove.error ?? withdraw.error)?.message}</p>}
    </article>
  );
}
