"use client";
import { useState, type FormEvent } from "react";
import { CopyButton } from "../../copy-button";
import { useConnectHelpdesk, useDisconnectHelpdesk, useRotateConnectionSecret } from "@/lib/ui/admin";
import type { HelpdeskKind } from "@/lib/helpdesk/verify";

type Connection = { id: string; kind: string; name: string; webhookUrl: string; frameOrigins: string[]; apiUrl: string | null; basicAuthUser: string | null; tickets: number; createdAt: string; disabledAt: string | null };
type Shown = { name: string; webhookUrl: string; secret: string; basicAuthUser: string | null };

const when = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;
const lines = (text: string) => text.split(/[\s,]+/).map((l) => l.trim()).filter(Boolean);
// Empty fields are left out, so the server's defaults apply (a generated secret, the kind as name).
const given = (value: string) => (value.trim() ? value.trim() : undefined);

// The site's helpdesk connections (the CLI's connect-helpdesk, list-connections,
// rotate-connection-secret and disconnect): the webhook secret is shown once, after connecting or
// rotating; an API token is never shown again.
export function HelpdeskConnections({ siteId, kinds, noteKinds, connections }: { siteId: string; kinds: readonly HelpdeskKind[]; noteKinds: readonly HelpdeskKind[]; connections: Connection[] }) {
  const [kind, setKind] = useState<HelpdeskKind>(kinds[0] ?? "generic");
  const [name, setName] = useState("");
  const [frameOrigins, setFrameOrigins] = useState("");
  const [secret, setSecret] = useState("");
  const [apiUrl, setApiUrl] = useState("");
  const [apiToken, setApiToken] = useState("");
  const [shown, setShown] = useState<Shown | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const connect = useConnectHelpdesk(siteId, (c, v) => {
    setShown({ name: v.name ?? c.kind, webhookUrl: c.webhookUrl, secret: v.secret ? "" : c.secret, basicAuthUser: c.basicAuthUser });
    setName("");
    setFrameOrigins("");
    setSecret("");
    setApiUrl("");
    setApiToken("");
  });
  const rotate = useRotateConnectionSecret(siteId, (r, id) => setShown({ name: connections.find((c) => c.id === id)?.name ?? id, webhookUrl: r.webhookUrl, secret: r.secret, basicAuthUser: connections.find((c) => c.id === id)?.basicAuthUser ?? null }));
  const disconnect = useDisconnectHelpdesk(siteId);
  const takesNotes = noteKinds.includes(kind);

  function submit(e: FormEvent) {
    e.preventDefault();
    setShown(null);
    connect.mutate({
      kind,
      name: given(name),
      frameOrigins: lines(frameOrigins),
      secret: given(secret),
      ...(takesNotes ? { apiUrl: given(apiUrl), apiToken: given(apiToken) } : {}),
    });
  }

  const errors = connect.error?.fields;
  const fieldError = (field: string) => errors?.[field] && <p id={`helpdesk-${field}-error`} className="error" role="alert">{errors[field]}</p>;
  const invalid = (field: string) => (errors?.[field] ? { "aria-invalid": true, "aria-describedby": `helpdesk-${field}-error` } : {});
  return (
    <section className="panel" aria-labelledby="helpdesk-connections">
      <h2 id="helpdesk-connections">Helpdesk connections</h2>
      <p className="muted">A helpdesk posts its ticket events to the connection&apos;s webhook URL, signed with its secret (docs/integrations.md says where each helpdesk takes them). For Zammad and Chatwoot, an API URL and token let Replaydesk write internal notes on the linked ticket.</p>
      {shown && (
        <div className="notice" role="status">
          <p>Connection <strong>{shown.name}</strong>. Webhook URL: <code data-testid="connection-webhook-url">{shown.webhookUrl}</code></p>
          <CopyButton text={shown.webhookUrl} label="Copy the webhook URL" />
          {shown.basicAuthUser && <p>Basic auth user: <code>{shown.basicAuthUser}</code></p>}
          {shown.secret ? (
            <>
              <p>{shown.basicAuthUser ? "Basic auth password" : "Webhook secret"}. Copy it now: it will not be shown again.</p>
              <p className="secret" data-testid="new-connection-secret">{shown.secret}</p>
              <CopyButton text={shown.secret} label="Copy the webhook secret" />
            </>
          ) : (
            <p>It verifies with the secret you gave.</p>
          )}
        </div>
      )}
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="helpdesk-kind">Helpdesk</label>
          <select id="helpdesk-kind" value={kind} onChange={(e) => setKind(kinds.find((k) => k === e.target.value) ?? kind)}>
            {kinds.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
          {fieldError("kind")}
        </div>
        <div className="field">
          <label htmlFor="helpdesk-name">Name (optional)</label>
          <input id="helpdesk-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Support Zammad" {...invalid("name")} />
          {fieldError("name")}
        </div>
        <div className="field">
          <label htmlFor="helpdesk-frame-origins">Origins that may frame the agent panel (optional, one per line)</label>
          <textarea id="helpdesk-frame-origins" value={frameOrigins} onChange={(e) => setFrameOrigins(e.target.value)} rows={2} placeholder="https://help.example.com" {...invalid("frameOrigins")} />
          {fieldError("frameOrigins")}
        </div>
        <div className="field">
          <label htmlFor="helpdesk-secret">Webhook secret the helpdesk generated (optional: Zendesk, Chatwoot)</label>
          <input id="helpdesk-secret" type="password" autoComplete="off" value={secret} onChange={(e) => setSecret(e.target.value)} {...invalid("secret")} />
          {fieldError("secret")}
        </div>
        {takesNotes && (
          <fieldset>
            <legend>Internal notes (optional)</legend>
            <div className="field">
              <label htmlFor="helpdesk-api-url">API URL</label>
              <input id="helpdesk-api-url" type="url" value={apiUrl} onChange={(e) => setApiUrl(e.target.value)} placeholder={kind === "chatwoot" ? "https://chat.example.com/api/v1/accounts/3" : "https://zammad.example.com"} {...invalid("apiUrl")} />
              {fieldError("apiUrl")}
            </div>
            <div className="field">
              <label htmlFor="helpdesk-api-token">API token</label>
              <input id="helpdesk-api-token" type="password" autoComplete="off" value={apiToken} onChange={(e) => setApiToken(e.target.value)} {...invalid("apiToken")} />
              {fieldError("apiToken")}
            </div>
          </fieldset>
        )}
        <button type="submit" disabled={connect.isPending}>{connect.isPending ? "Connecting…" : "Connect helpdesk"}</button>
      </form>
      {connect.error && !Object.keys(errors ?? {}).length && <p className="notice error" role="alert">{connect.error.message}</p>}
      {connections.length === 0 ? (
        <p role="status">No helpdesk connected yet.</p>
      ) : (
        <table>
          <thead><tr><th scope="col">Helpdesk</th><th scope="col">Webhook URL</th><th scope="col">Framed by</th><th scope="col">Notes</th><th scope="col">Tickets</th><th scope="col">Status</th></tr></thead>
          <tbody>
            {connections.map((c) => (
              <tr key={c.id}>
                <td>{c.name} <span className="muted">({c.kind})</span></td>
                <td><code>{c.webhookUrl}</code></td>
                <td>{c.frameOrigins.length ? c.frameOrigins.join(", ") : "—"}</td>
                <td>{c.apiUrl ? <code>{c.apiUrl}</code> : "off"}</td>
                <td>{c.tickets}</td>
                <td>
                  {c.disabledAt ? (
                    <span className="tag bad">disconnected {when(c.disabledAt)}</span>
                  ) : confirming === c.id ? (
                    <span className="row" role="group" aria-label={`Confirm disconnecting ${c.name}`}>
                      <button type="button" onClick={() => disconnect.mutate(c.id, { onSettled: () => setConfirming(null) })} disabled={disconnect.isPending}>Disconnect: its webhook stops</button>
                      <button type="button" className="secondary" onClick={() => setConfirming(null)}>Cancel</button>
                    </span>
                  ) : (
                    <span className="row">
                      <button type="button" className="secondary" onClick={() => rotate.mutate(c.id)} disabled={rotate.isPending} aria-label={`Rotate the secret of ${c.name}`}>Rotate secret</button>
                      <button type="button" className="secondary" onClick={() => setConfirming(c.id)} aria-label={`Disconnect ${c.name}`}>Disconnect</button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(rotate.error ?? disconnect.error) && <p className="error" role="alert">{(rotate.error ?? disconnect.error)!.message}</p>}
    </section>
  );
}
