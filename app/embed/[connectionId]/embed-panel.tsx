"use client";
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { api, post, type ApiError } from "@/lib/ui/api";
import { useDeskTicket } from "@/lib/ui/tickets";
import { ReplayViewer } from "@/app/_components/replay-viewer";
import { RecordingCard } from "@/app/desk/tickets/[id]/desk-ticket-view";
import { useHostTicket } from "./host-ticket";

type Props = { connectionId: string; kind: string; frameOrigins: string[]; ticket: string | null };
type Watching = { recordingId: string; scope: "masked" | "unmasked" };

// The panel: sign in by mailed code, then the helpdesk ticket's linked Replaydesk ticket, its
// recordings, Ask to view and the replay, through this connection's routes (/embed/<id>/api).
export function EmbedPanel({ connectionId, kind, frameOrigins, ticket }: Props) {
  const base = `/embed/${connectionId}/api`;
  const t = useTranslations("embed");
  const client = useQueryClient();
  const session = useQuery<{ email: string }, ApiError>({ queryKey: ["embed", "session"], queryFn: () => api(`${base}/session`), retry: false });
  const signOut = useMutation({ mutationFn: () => api(`${base}/session`, { method: "DELETE" }), onSuccess: () => client.resetQueries() });
  const externalId = useHostTicket(kind, frameOrigins, ticket);

  return (
    <div className="embed-panel">
      {session.isPending ? (
        <p role="status">{t("loading")}</p>
      ) : session.isError ? (
        session.error.status === 401 ? <SignIn base={base} onSignedIn={() => client.invalidateQueries({ queryKey: ["embed", "session"] })} /> : <p role="alert" className="notice error">{session.error.message}</p>
      ) : (
        <>
          <p className="muted" style={{ display: "flex", gap: 8, alignItems: "center", justifyContent: "space-between" }}>
            <span>{t("signedInAs", { email: session.data.email })}</span>
            <button type="button" className="secondary" onClick={() => signOut.mutate()} disabled={signOut.isPending}>{t("signOut")}</button>
          </p>
          {externalId ? <LinkedTicket base={base} externalId={externalId} /> : <p className="panel">{t("noTicket")}</p>}
        </>
      )}
    </div>
  );
}

// Two steps in one form: the address (the answer never says whether it has an account), then the code.
function SignIn({ base, onSignedIn }: { base: string; onSignedIn: () => void }) {
  const t = useTranslations("embed");
  const [email, setEmail] = useState("");
  const [code, setCode] = useState("");
  const [sent, setSent] = useState(false);
  const ask = useMutation<unknown, ApiError, void>({ mutationFn: () => post(`${base}/code`, { email }), onSuccess: () => setSent(true) });
  const signIn = useMutation<unknown, ApiError, void>({ mutationFn: () => post(`${base}/session`, { email, code }), onSuccess: onSignedIn });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    (sent ? signIn : ask).mutate();
  };
  const error = (sent ? signIn : ask).error;
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="embed-sign-in-h">
      <h1 id="embed-sign-in-h">{t("signInTitle")}</h1>
      <div className="field">
        <label htmlFor="embed-email">{t("emailLabel")}</label>
        <input id="embed-email" type="email" autoComplete="email" required value={email} readOnly={sent} onChange={(e) => setEmail(e.target.value)} />
      </div>
      {sent && (
        <>
          <p role="status">{t("codeSent")}</p>
          <div className="field">
            <label htmlFor="embed-code">{t("codeLabel")}</label>
            <input id="embed-code" autoComplete="one-time-code" autoCapitalize="characters" spellCheck={false} required value={code} onChange={(e) => setCode(e.target.value)} autoFocus />
          </div>
        </>
      )}
      {error && <p className="error" role="alert">{error.message}</p>}
      <div style={{ display: "flex", gap: 8 }}>
        <button type="submit" disabled={ask.isPending || signIn.isPending}>{sent ? t("signIn") : t("sendCode")}</button>
        {sent && <button type="button" className="secondary" onClick={() => { setSent(false); setCode(""); }}>{t("otherAddress")}</button>}
      </div>
    </form>
  );
}

function LinkedTicket({ base, externalId }: { base: string; externalId: string }) {
  const t = useTranslations("embed");
  const lookup = useQuery<{ id: string }, ApiError>({ queryKey: ["embed", "ticket", externalId], queryFn: () => api(`${base}/tickets?external=${encodeURIComponent(externalId)}`), retry: false });
  if (lookup.isPending) return <p role="status">{t("loading")}</p>;
  if (lookup.isError) return <p role="alert" className="panel notice error">{lookup.error.message}</p>;
  return <TicketRecordings base={base} ticketId={lookup.data.id} />;
}

function TicketRecordings({ base, ticketId }: { base: string; ticketId: string }) {
  const t = useTranslations("embed");
  const ticket = useDeskTicket(ticketId, base);
  const [watching, setWatching] = useState<Watching | null>(null);
  if (ticket.isPending) return <p role="status">{t("loading")}</p>;
  if (ticket.isError) return <p role="alert" className="panel notice error">{ticket.error.message}</p>;
  const d = ticket.data;
  return (
    <>
      <section className="panel" aria-labelledby="embed-rec-h">
        <h1 id="embed-rec-h" style={{ fontSize: "1.1rem" }}>{t("ticketTitle", { subject: d.subject })}</h1>
        <p><a href={`/desk/tickets/${d.id}`} target="_blank" rel="noopener noreferrer">{t("openInDesk")}</a> · <span className="tag">{d.status}</span></p>
        <h2 style={{ fontSize: "1rem" }}>{t("recordings")}</h2>
        {d.recordings.length === 0 ? <p>{t("noRecording")}</p> : d.recordings.map((r) => <RecordingCard key={r.id} ticketId={d.id} recording={r} deskApi={base} onWatch={(scope) => setWatching({ recordingId: r.id, scope })} />)}
      </section>
      {watching && (
        <section className="panel" aria-labelledby="embed-replay-h">
          <h2 id="embed-replay-h">{t("replay")}</h2>
          <button type="button" className="secondary" onClick={() => setWatching(null)}>{t("closeReplay")}</button>
          <ReplayViewer key={`${watching.recordingId}:${watching.scope}`} recordingId={watching.recordingId} scope={watching.scope} audience="desk" deskApi={base} onEnded={() => void ticket.refetch()} />
        </section>
      )}
    </>
  );
}
