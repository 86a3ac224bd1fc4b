"use client";
import Link from "next/link";
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Countdown } from "@/app/_components/countdown";
import { MessageThread, ReplyForm } from "@/app/_components/thread";
import { useRequestReveal } from "@/lib/ui/reveal";
import { ticketKeys, useDeskTicket, useLinkBySupportCode, useLinkRelatedRecording, usePatchDeskTicket, useRelatedRecordings, type TDeskTicket } from "@/lib/ui/tickets";
import { formatDateTime, formatDuration, STATUS_LABEL } from "@/lib/ui/format";
import { ReplayViewer } from "@/app/_components/replay-viewer";

type Scope = "masked" | "unmasked";
// With what this agent may do with it (mayWatch, mayAsk), as the server decided it (the only place that does).
type Recording = TDeskTicket["recordings"][number];
type Watching = { recordingId: string; scope: Scope; startAtSeconds?: number };
type Moment = { recordingId: string; seconds: number };

// The desk's address of a moment in a recording: whoever holds an approval naming them opens it there.
export function momentUrl(ticketId: string, recordingId: string, seconds: number): string {
  return `${window.location.origin}/desk/tickets/${ticketId}?recording=${encodeURIComponent(recordingId)}&t=${seconds}`;
}

export function DeskTicketView({ id, me, mayReply, moment }: { id: string; me: string; mayReply: boolean; moment: Moment | null }) {
  const client = useQueryClient();
  const ticket = useDeskTicket(id);
  const refresh = () => client.invalidateQueries({ queryKey: ticketKeys.deskDetail(id) });
  const patch = usePatchDeskTicket(id);
  // The viewer lives beside the recordings, not inside one: if the recording disappears (deleted,
  // consent withdrawn), the viewer stays to say so.
  const [watching, setWatching] = useState<Watching | null>(null);
  // A shared moment opens the replay there for an agent whose own approval allows it; anyone else
  // gets "Ask to view" opened for that recording (never an email sent by itself).
  const [momentHandled, setMomentHandled] = useState(false);
  const shared = moment && ticket.data?.recordings.find((r) => r.id === moment.recordingId);
  // Once, when the ticket first arrives (state adjusted while rendering, not in an effect).
  if (!momentHandled && shared && moment) {
    setMomentHandled(true);
    const scope: Scope | null = shared.mayWatch.masked ? "masked" : shared.mayWatch.unmasked ? "unmasked" : null;
    if (scope) setWatching({ recordingId: shared.id, scope, startAtSeconds: moment.seconds });
  }

  if (ticket.isPending) return <p role="status" className="panel">Loading the ticket…</p>;
  if (ticket.isError) return <p role="alert" className="panel notice error">{ticket.error.message}</p>;
  const t = ticket.data;
  const assignedToMe = t.assignee?.id === me;

  return (
    <>
      <section className="panel">
        <p><Link href="/desk">← Queue</Link></p>
        <h1>{t.subject}</h1>
        <p className="muted">
          {t.site.name} · opened {formatDateTime(t.createdAt)} · <span className="tag" data-testid="ticket-status">{t.status}</span> · assigned to{" "}
          {t.assignee ? t.assignee.email : "nobody"}
        </p>
        {mayReply && (
          <div style={{ display: "flex", gap: 8, flexWrap: "wrap" }}>
            {!assignedToMe && <button type="button" className="secondary" onClick={() => patch.mutate({ assignee: "me" })}>Assign to me</button>}
            {t.status !== "closed" ? (
              <button type="button" className="secondary" onClick={() => patch.mutate({ status: "closed" })}>Close ticket</button>
            ) : (
              <button type="button" className="secondary" onClick={() => patch.mutate({ status: "open" })}>Reopen</button>
            )}
          </div>
        )}
        {patch.isError && <p className="error" role="alert">{patch.error.message}</p>}
      </section>

      <section className="panel" aria-labelledby="thread-h">
        <h2 id="thread-h">Conversation</h2>
        <MessageThread messages={t.messages} />
        {mayReply && t.status !== "closed" && <ReplyForm ticketId={id} side="desk" label="Reply to the customer" />}
      </section>

      <section className="panel" aria-labelledby="rec-h">
        <h2 id="rec-h">Recordings</h2>
        {t.recordings.length === 0 ? (
          <p>No recording is linked to this ticket. The customer may have refused recording, or it was already deleted.</p>
        ) : (
          t.recordings.map((r) => (
            <RecordingCard key={r.id} ticketId={t.id} recording={r} onWatch={(scope) => setWatching({ recordingId: r.id, scope })} askFor={moment?.recordingId === r.id ? moment.seconds : undefined} />
          ))
        )}
        {mayReply && t.status !== "closed" && <SupportCodeForm ticketId={t.id} />}
      </section>

      {watching && (
        <section className="panel" aria-labelledby="replay-h">
          <h2 id="replay-h">{watching.scope === "masked" ? "Replay" : "Unmasked replay"}</h2>
          <button type="button" className="secondary" onClick={() => setWatching(null)}>Close the replay</button>
          <ReplayViewer
            key={`${watching.recordingId}:${watching.scope}`}
            recordingId={watching.recordingId}
            scope={watching.scope}
            audience="desk"
            onEnded={refresh}
            startAtSeconds={watching.startAtSeconds}
            momentLink={(seconds) => momentUrl(t.id, watching.recordingId, seconds)}
          />
        </section>
      )}

      {t.recordings.length > 0 && <RelatedRecordings ticketId={t.id} mayLink={mayReply && t.status !== "closed"} />}
    </>
  );
}

// The code a customer reads out or pastes (Replaydesk.supportCode() on the site's page).
function SupportCodeForm({ ticketId }: { ticketId: string }) {
  const [code, setCode] = useState("");
  const link = useLinkBySupportCode(ticketId);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    link.mutate(code, { onSuccess: () => setCode("") });
  };
  return (
    <form onSubmit={submit} aria-label="Link a recording by support code">
      <div className="field">
        <label htmlFor="support-code">Link a recording by support code</label>
        <input id="support-code" value={code} onChange={(e) => setCode(e.target.value)} placeholder="RD-XXXX-XXXX" autoComplete="off" spellCheck={false} required />
      </div>
      {link.isError && <p className="error" role="alert">{link.error.message}</p>}
      {link.isSuccess && <p role="status">{link.data.linked ? "Recording linked." : "This recording was already linked to this ticket."}</p>}
      <button type="submit" className="secondary" disabled={link.isPending || code.trim() === ""}>Link recording</button>
    </form>
  );
}

// Other recordings of the same visitor on this site, found by their pseudonymous id: metadata only.
function RelatedRecordings({ ticketId, mayLink }: { ticketId: string; mayLink: boolean }) {
  const related = useRelatedRecordings(ticketId);
  const link = useLinkRelatedRecording(ticketId);
  return (
    <section className="panel" aria-labelledby="related-h">
      <h2 id="related-h">Other recordings of the same visitor</h2>
      {related.isPending ? (
        <p role="status">Looking for other recordings…</p>
      ) : related.isError ? (
        <p className="notice error" role="alert">{related.error.message}</p>
      ) : related.data.recordings.length === 0 ? (
        <p className="muted">None: the site identifies no user on this recording, or there is no other recording still kept.</p>
      ) : (
        <ul data-testid="related-recordings">
          {related.data.recordings.map((r) => (
            <li key={r.id}>
              {formatDateTime(r.startedAt)} · {formatDuration(r.durationSeconds)} · {r.pages.join(" → ") || "—"} · {r.browser ?? "unknown browser"} · {r.errors} errors · deleted <Countdown until={r.deleteAfter} />
              {mayLink && r.linkable && (
                <button type="button" className="secondary" style={{ marginLeft: 8 }} onClick={() => link.mutate(r.id)} disabled={link.isPending}>Link to this ticket</button>
              )}
              {!r.linkable && <span className="muted"> (linked to another ticket)</span>}
            </li>
          ))}
        </ul>
      )}
      {link.isError && <p className="error" role="alert">{link.error.message}</p>}
    </section>
  );
}

// Also the agent panel's (app/embed), which passes its own routes as deskApi.
// askFor: the second of a moment a colleague shared, for which this agent has no approval yet.
export function RecordingCard({ ticketId, recording: r, onWatch, deskApi, askFor }: { ticketId: string; recording: Recording; onWatch: (scope: Scope) => void; deskApi?: string; askFor?: number }) {
  return (
    <article className="panel" style={{ background: "#fafbfc" }} aria-label={`Recording of ${formatDateTime(r.startedAt)}`} data-testid="recording">
      <dl style={{ display: "grid", gridTemplateColumns: "max-content 1fr", gap: "4px 16px", margin: 0 }}>
        <dt>Recorded</dt><dd>{formatDateTime(r.startedAt)} · {formatDuration(r.durationSeconds)}</dd>
        <dt>Pages</dt><dd>{r.pages.length ? r.pages.join(" → ") : "—"}</dd>
        <dt>Browser</dt><dd>{r.browser ?? "unknown"}</dd>
        <dt>JavaScript errors</dt><dd>{r.errors}</dd>
        <dt>Trigger</dt><dd>{r.triggeredAt ? `${r.triggerReason ?? "trigger"} at ${formatDateTime(r.triggeredAt)}` : "not triggered"}</dd>
        <dt>Kept</dt><dd>masked{r.keepsUnmasked ? ` + sealed unmasked copy (${r.maskingMode})` : ` only (${r.maskingMode})`}</dd>
        <dt>Deleted</dt><dd><Countdown until={r.deleteAfter} /></dd>
      </dl>
      {r.reveals.length > 0 && (
        <ul aria-label="Requests to view" data-testid="reveal-requests">
          {r.reveals.map((v) => (
            <li key={v.id}>
              {v.scope} view asked by {v.requester} on {formatDateTime(v.createdAt)}: <strong>{STATUS_LABEL[v.status] ?? v.status}</strong>
              {v.status === "pending" && <> · {v.mailedAt ? `approval email sent ${formatDateTime(v.mailedAt)}` : "approval email queued"}</>}
              {v.status === "approved" && v.accessUntil && <> · access ends <Countdown until={v.accessUntil} /></>}
              {v.scope === "unmasked" && r.maskingMode === "M1" && <> · {v.validatedBy ? `validated by ${v.validatedBy}` : "awaiting a supervisor's validation"}</>}
              {v.scope === "unmasked" && r.maskingMode === "M2" && <> · {v.custody === "accepted" ? "accepted by the key custodian" : v.custody === "refused" ? `refused by the key custodian: ${v.custodyRefusal ?? ""}` : "awaiting the key custodian's acceptance"}</>}
            </li>
          ))}
        </ul>
      )}
      {(r.mayWatch.masked || r.mayWatch.unmasked) && (
        <p style={{ display: "flex", gap: 8 }}>
          {r.mayWatch.masked && <button type="button" onClick={() => onWatch("masked")}>Watch the replay</button>}
          {r.mayWatch.unmasked && <button type="button" className="secondary" onClick={() => onWatch("unmasked")}>Watch unmasked</button>}
        </p>
      )}
      {(r.mayAsk.masked || r.mayAsk.unmasked) && <AskToView ticketId={ticketId} recording={r} deskApi={deskApi} sharedMoment={r.mayWatch.masked || r.mayWatch.unmasked ? undefined : askFor} />}
      {!r.mayWatch.masked && <p className="muted">No replay content is shown to you until the customer approves a request of yours: an approval lets only the agent it names watch.</p>}
    </article>
  );
}

function AskToView({ ticketId, recording: r, deskApi, sharedMoment }: { ticketId: string; recording: Recording; deskApi?: string; sharedMoment?: number }) {
  const [open, setOpen] = useState(sharedMoment !== undefined);
  const [scope, setScope] = useState<Scope>(r.mayAsk.masked ? "masked" : "unmasked");
  const [justification, setJustification] = useState(sharedMoment !== undefined ? `A colleague pointed me to the moment at ${formatDuration(sharedMoment)} of this recording, to help with your request.` : "");
  const ask = useRequestReveal(ticketId, deskApi);
  if (!open) return <button type="button" className="secondary" onClick={() => setOpen(true)}>Ask to view the recording</button>;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    ask.mutate(
      { recordingId: r.id, scope, justification },
      {
        onSuccess: () => {
          setOpen(false);
          setJustification("");
        },
      },
    );
  };
  return (
    <form onSubmit={submit} aria-label="Ask the customer to approve viewing">
      <fieldset style={{ border: 0, padding: 0 }}>
        <legend className="muted">What to ask for</legend>
        <label style={{ fontWeight: 400 }}>
          <input type="radio" name="scope" value="masked" disabled={!r.mayAsk.masked} checked={scope === "masked"} onChange={() => setScope("masked")} style={{ width: "auto" }} /> The masked replay (clicks, scrolling, layout; texts masked)
          {r.askRefusal.masked && <span className="muted"> — {r.askRefusal.masked}</span>}
        </label>
        <label style={{ fontWeight: 400 }}>
          <input type="radio" name="scope" value="unmasked" disabled={!r.mayAsk.unmasked} checked={scope === "unmasked"} onChange={() => setScope("unmasked")} style={{ width: "auto" }} /> The unmasked view
          {r.askRefusal.unmasked && <span className="muted"> — {r.askRefusal.unmasked}</span>}
          {r.mayAsk.unmasked && r.maskingMode === "M1" && <span className="muted"> — also needs the validation of a supervisor, who cannot watch it themselves.</span>}
          {r.mayAsk.unmasked && r.maskingMode === "M2" && <span className="muted"> — also needs the acceptance of the site&apos;s key custodian, who reads your reason and alone can unseal it.</span>}
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor={`why-${r.id}`}>Why do you need it? (shown to the customer)</label>
        <textarea id={`why-${r.id}`} rows={3} value={justification} onChange={(e) => setJustification(e.target.value)} required minLength={10} />
      </div>
      {ask.isError && <p className="error" role="alert">{ask.error.message}</p>}
      <div style={{ display: "flex", gap: 8 }}>
        <button type="submit" disabled={ask.isPending}>{ask.isPending ? "Sending…" : "Send the request by email"}</button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>Cancel</button>
      </div>
    </form>
  );
}
