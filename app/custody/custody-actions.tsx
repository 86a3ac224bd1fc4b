"use client";
import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useAcceptUnmasking, useEnrolCustody, useRefuseUnmasking } from "@/lib/ui/reveal";

// Enrolment: the server returns the secret once; it is shown here until the custodian says they
// stored it, then forgotten (nothing keeps it: not the server, not this page once reloaded).
export function EnrolSite({ siteId, siteName, again }: { siteId: string; siteName: string; again: boolean }) {
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const enrol = useEnrolCustody(siteId);
  if (enrol.data) {
    return (
      <div className="notice" role="group" aria-label={`Custody secret of ${siteName}`}>
        <p><strong>Your custody secret for {siteName}.</strong> Store it now, away from this server (a password manager, a sealed envelope): it is shown only this once and Replaydesk does not keep it. Without it no M2 copy sealed to this key can ever be opened.</p>
        <p data-testid="custody-secret" style={{ fontFamily: "ui-monospace, monospace", fontSize: "1.2rem" }}>{enrol.data.secret}</p>
        <p className="muted">Key fingerprint <code>{enrol.data.fingerprint}</code></p>
        <button type="button" onClick={() => { enrol.reset(); router.refresh(); }}>I have stored it</button>
      </div>
    );
  }
  const label = again ? "Enrol again (new key)" : "Enrol as key custodian";
  return (
    <div>
      {asking ? (
        <div className="notice" role="group" aria-label={`Enrol for ${siteName}?`}>
          <p>
            {again
              ? "A new vault key replaces the current one: new sessions seal to it; copies sealed to the old key open only with the old secret."
              : "A new vault key is made for this site and sealed under a secret only you will hold. You will see the secret once."}
          </p>
          <p style={{ display: "flex", gap: 8 }}>
            <button type="button" onClick={() => { setAsking(false); enrol.mutate(); }} disabled={enrol.isPending}>Yes, enrol</button>
            <button type="button" className="secondary" onClick={() => setAsking(false)}>Cancel</button>
          </p>
        </div>
      ) : (
        <button type="button" onClick={() => setAsking(true)} disabled={enrol.isPending}>{enrol.isPending ? "Enrolling…" : label}</button>
      )}
      {enrol.isError && <p className="error" role="alert">{enrol.error.message}</p>}
    </div>
  );
}

// One request: accept with the secret (which unseals that approval's copy), or refuse with a reason.
export function AnswerRequest({ id, unsealable }: { id: string; unsealable: boolean }) {
  const [secret, setSecret] = useState("");
  const [reason, setReason] = useState("");
  const accept = useAcceptUnmasking(id);
  const refuse = useRefuseUnmasking(id);
  const onAccept = (e: FormEvent) => {
    e.preventDefault();
    accept.mutate({ secret }, { onSettled: () => setSecret("") });
  };
  const onRefuse = (e: FormEvent) => {
    e.preventDefault();
    refuse.mutate({ reason });
  };
  return (
    <div>
      {unsealable ? (
        <form onSubmit={onAccept} aria-label="Accept">
          <label htmlFor={`secret-${id}`}>Custody secret</label>
          <input id={`secret-${id}`} type="password" autoComplete="off" spellCheck={false} value={secret} onChange={(e) => setSecret(e.target.value)} required />
          <button type="submit" disabled={accept.isPending}>{accept.isPending ? "Unsealing…" : "Accept and unseal"}</button>
          {accept.isError && <p className="error" role="alert">{accept.error.message}</p>}
        </form>
      ) : (
        <p className="muted">Sealed before you enrolled: this copy cannot be unsealed, only refused.</p>
      )}
      <form onSubmit={onRefuse} aria-label="Refuse">
        <label htmlFor={`reason-${id}`}>Reason for refusing (the agent sees it)</label>
        <textarea id={`reason-${id}`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={10} />
        <button type="submit" className="secondary" disabled={refuse.isPending}>{refuse.isPending ? "Refusing…" : "Refuse"}</button>
        {refuse.isError && <p className="error" role="alert">{refuse.error.message}</p>}
      </form>
    </div>
  );
}
