"use client";
import { useState, type FormEvent } from "react";
import { CopyButton } from "../../copy-button";
import { useCreateApiToken, useRevokeApiToken } from "@/lib/ui/admin";

type Token = { id: string; name: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "never");

export function ApiTokens({ siteId, tokens }: { siteId: string; tokens: Token[] }) {
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const create = useCreateApiToken(siteId, (t) => {
    setCreated(t);
    setName("");
  });
  const revoke = useRevokeApiToken(siteId);

  function submit(e: FormEvent) {
    e.preventDefault();
    setCreated(null);
    create.mutate(name);
  }

  const nameError = create.error?.fields.name;
  return (
    <section className="panel" aria-labelledby="tokens">
      <h2 id="tokens">API tokens</h2>
      <p className="muted">For the publisher&apos;s own backend (e.g. a helpdesk) to call the JSON API with <code>Authorization: Bearer …</code>, for this site only. Only a hash is stored.</p>
      {created && (
        <div className="notice" role="status">
          <p>Token <strong>{created.name}</strong> created. Copy it now: it will not be shown again.</p>
          <p className="secret" data-testid="new-token">{created.token}</p>
          <CopyButton text={created.token} label="Copy the new token" />
        </div>
      )}
      <form onSubmit={submit} noValidate className="row">
        <div className="field">
          <label htmlFor="token-name">Token name</label>
          <input id="token-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Zendesk integration"
            aria-invalid={nameError ? true : undefined} aria-describedby={nameError ? "token-name-error" : undefined} />
          {nameError && <p id="token-name-error" className="error" role="alert">{nameError}</p>}
        </div>
        <button type="submit" disabled={create.isPending}>{create.isPending ? "Creating…" : "Create token"}</button>
      </form>
      {create.error && !nameError && <p className="notice error" role="alert">{create.error.message}</p>}
      {tokens.length === 0 ? (
        <p role="status">No token yet.</p>
      ) : (
        <table>
          <thead><tr><th scope="col">Name</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col">Status</th></tr></thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>{when(t.createdAt)}</td>
                <td>{when(t.lastUsedAt)}</td>
                <td>
                  {t.revokedAt ? (
                    <span className="tag bad">revoked {when(t.revokedAt)}</span>
                  ) : (
                    <button type="button" className="secondary" onClick={() => revoke.mutate(t.id)} disabled={revoke.isPending} aria-label={`Revoke token ${t.name}`}>Revoke</button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {revoke.error && <p className="error" role="alert">{revoke.error.message}</p>}
    </section>
  );
}
