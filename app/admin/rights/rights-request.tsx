"use client";
import { useState, type FormEvent } from "react";
import { ERASE_CONFIRMATION, MIN_REASON_LENGTH } from "@/lib/rights/schemas";
import type { SubjectData } from "@/lib/rights/find-subject-data";
import { formatDateTime } from "@/lib/ui/format";
import { rightsApi } from "@/lib/ui/admin";
import type { ApiError } from "@/lib/ui/api";

type Query = { by: "email" | "pseudonym"; email?: string; siteId?: string; pseudonym?: string; reason: string };

const when = (iso: string | null) => formatDateTime(iso);

function download(data: unknown, name: string) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

export function RightsRequestForm({ sites }: { sites: { id: string; name: string }[] }) {
  const [by, setBy] = useState<"email" | "pseudonym">("email");
  const [email, setEmail] = useState("");
  const [siteId, setSiteId] = useState(sites[0]?.id ?? "");
  const [pseudonym, setPseudonym] = useState("");
  const [reason, setReason] = useState("");
  const [found, setFound] = useState<{ query: Query; data: SubjectData } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<"search" | "export" | "erase" | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  async function run<T>(what: "search" | "export" | "erase", call: () => Promise<T>, then: (result: T) => void) {
    setBusy(what);
    setError(null);
    setDone(null);
    try {
      then(await call());
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(null);
    }
  }

  function search(e: FormEvent) {
    e.preventDefault();
    setFound(null);
    setConfirming(false);
    const query: Query = by === "email" ? { by, email: email.trim(), reason } : { by, siteId, pseudonym: pseudonym.trim(), reason };
    void run("search", () => rightsApi.search(query), (data) => setFound({ query, data }));
  }

  const fieldError = (name: string) => (error && !found ? error.fields[name] : undefined);
  const described = (name: string, hint?: string) => [hint, fieldError(name) ? `rights-${name}-error` : null].filter(Boolean).join(" ") || undefined;

  return (
    <>
      <section className="panel" aria-labelledby="find">
        <h2 id="find">Find a person</h2>
        <form onSubmit={search} noValidate>
          <div className="field">
            <label htmlFor="rights-reason">The request, as received</label>
            <textarea id="rights-reason" value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={fieldError("reason") ? true : undefined} aria-describedby={described("reason", "rights-reason-hint")} />
            <p id="rights-reason-hint" className="hint">Required, at least {MIN_REASON_LENGTH} characters, kept in the audit log with each action: for example &quot;access and erasure requested by email on 3 December, ticket #812&quot;.</p>
            {fieldError("reason") && <p id="rights-reason-error" className="error" role="alert">{fieldError("reason")}</p>}
          </div>
          <fieldset>
            <legend>Find them by</legend>
            <label className="choice"><input type="radio" name="by" checked={by === "email"} onChange={() => setBy("email")} /> Email address (their account)</label>
            <label className="choice"><input type="radio" name="by" checked={by === "pseudonym"} onChange={() => setBy("pseudonym")} /> Pseudonym (the <code>ps_…</code> value your backend computes for them on one site)</label>
          </fieldset>
          {by === "email" ? (
            <div className="field">
              <label htmlFor="rights-email">Email address</label>
              <input id="rights-email" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={fieldError("email") ? true : undefined} aria-describedby={described("email")} />
              {fieldError("email") && <p id="rights-email-error" className="error" role="alert">{fieldError("email")}</p>}
            </div>
          ) : (
            <div className="form-grid">
              <div className="field">
                <label htmlFor="rights-site">Site</label>
                <select id="rights-site" value={siteId} onChange={(e) => setSiteId(e.target.value)}>
                  {sites.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
                </select>
                {fieldError("siteId") && <p className="error" role="alert">{fieldError("siteId")}</p>}
              </div>
              <div className="field">
                <label htmlFor="rights-pseudonym">Pseudonym</label>
                <input id="rights-pseudonym" autoComplete="off" value={pseudonym} placeholder="ps_…" onChange={(e) => setPseudonym(e.target.value)} aria-invalid={fieldError("pseudonym") ? true : undefined} aria-describedby={described("pseudonym")} />
                {fieldError("pseudonym") && <p id="rights-pseudonym-error" className="error" role="alert">{fieldError("pseudonym")}</p>}
              </div>
            </div>
          )}
          {error && !found && Object.keys(error.fields).length === 0 && <p className="notice error" role="alert">{error.message}</p>}
          <button type="submit" disabled={busy !== null}>{busy === "search" ? "Searching…" : "Find"}</button>
        </form>
      </section>
      {found && <Holdings found={found} busy={busy} confirming={confirming} setConfirming={setConfirming} done={done} error={error}
        onExport={() => void run("export", () => rightsApi.export(found.query), (data) => { download(data, `replaydesk-export-${data.exportedAt.slice(0, 10)}.json`); setDone("Export downloaded: send it to the person."); })}
        onErase={() => void run("erase", () => rightsApi.erase({ ...found.query, confirm: ERASE_CONFIRMATION }), (r) => {
          setFound(null);
          setConfirming(false);
          setDone(`Erased: ${r.recordings} recording(s) deleted, ${r.tickets} ticket(s) and ${r.messages} message(s) anonymised${!("accountDeleted" in r) ? "" : r.accountDeleted ? "; the account was deleted" : "; the account was kept"}.`);
        })} />}
      {!found && done && <section className="panel"><p className="notice" role="status" data-testid="rights-done">{done}</p></section>}
    </>
  );
}

type HoldingsProps = {
  found: { query: Query; data: SubjectData };
  busy: string | null;
  confirming: boolean;
  setConfirming: (v: boolean) => void;
  done: string | null;
  error: ApiError | null;
  onExport: () => void;
  onErase: () => void;
};

function Holdings({ found: { data }, busy, confirming, setConfirming, done, error, onExport, onErase }: HoldingsProps) {
  const who = data.subject.by === "email" ? data.subject.account.email : `pseudonym on ${data.subject.site.name}`;
  return (
    <section className="panel" aria-labelledby="held" data-testid="rights-holdings">
      <h2 id="held">What is held: {who}</h2>
      {data.subject.by === "email" && <p className="muted">Account created {when(data.subject.account.createdAt)}.</p>}
      <h3>Tickets ({data.tickets.length})</h3>
      {data.tickets.length === 0 ? <p>None.</p> : (
        <div className="table-wrap">
          <table>
            <thead><tr><th scope="col">Site</th><th scope="col">Subject</th><th scope="col">Status</th><th scope="col">Opened</th><th scope="col">Messages</th></tr></thead>
            <tbody>{data.tickets.map((t) => <tr key={t.id}><td>{t.site}</td><td>{t.subject}</td><td>{t.status}</td><td>{when(t.createdAt)}</td><td>{t.messages}</td></tr>)}</tbody>
          </table>
        </div>
      )}
      <h3>Recordings ({data.recordings.length})</h3>
      {data.recordings.length === 0 ? <p>None.</p> : (
        <div className="table-wrap">
          <table>
            <thead><tr><th scope="col">Site</th><th scope="col">Linked by</th><th scope="col">Mode</th><th scope="col">Started</th><th scope="col">Pages</th><th scope="col">Deleted by</th></tr></thead>
            <tbody>{data.recordings.map((r) => <tr key={r.id}><td>{r.site}</td><td>{r.linkedBy === "ticket" ? "their ticket" : "verified pseudonym"}</td><td>{r.maskingMode}</td><td>{when(r.startedAt)}</td><td>{r.pages}</td><td>{when(r.deleteAfter)}</td></tr>)}</tbody>
          </table>
        </div>
      )}
      <p>{data.approvals} request(s) to view these recordings. Content is never exported: the export lists metadata, as the customer&apos;s own export does.</p>
      <p className="muted" data-testid="rights-consent-note"><strong>Consent records:</strong> {data.notes.consent}</p>
      <p className="row">
        <button type="button" onClick={onExport} disabled={busy !== null}>{busy === "export" ? "Preparing…" : "Download their data (JSON)"}</button>
        <button type="button" className="secondary" onClick={() => setConfirming(true)} disabled={busy !== null}>Erase their data…</button>
      </p>
      {confirming && (
        <div className="confirm-box" role="alertdialog" aria-labelledby="erase-title">
          <p id="erase-title"><strong>Erase what is listed above?</strong> {data.notes.erasure} This cannot be undone.</p>
          <p className="row">
            <button type="button" onClick={onErase} disabled={busy !== null}>{busy === "erase" ? "Erasing…" : "Yes, erase"}</button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>Cancel</button>
          </p>
        </div>
      )}
      {done && <p className="notice" role="status">{done}</p>}
      {error && <p className="notice error" role="alert">{error.message}</p>}
    </section>
  );
}
