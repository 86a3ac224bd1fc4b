"use client";
import { useState, type FormEvent } from "react";
import { CopyButton } from "../../copy-button";
import { useCreateWebhook, useDisableWebhook, useRotateWebhookSecret } from "@/lib/ui/admin";
import { WEBHOOK_EVENTS, type WebhookEvent } from "@/lib/webhooks/event-types";

type Endpoint = { id: string; url: string; events: WebhookEvent[]; createdAt: string; disabledAt: string | null };

const when = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

export function Webhooks({ siteId, endpoints }: { siteId: string; endpoints: Endpoint[] }) {
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<Set<WebhookEvent>>(new Set(WEBHOOK_EVENTS));
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const create = useCreateWebhook(siteId, (e) => {
    setSecret({ url: e.url, secret: e.secret });
    setUrl("");
  });
  const disable = useDisableWebhook(siteId);
  const rotate = useRotateWebhookSecret(siteId, (e) => setSecret({ url: e.url, secret: e.secret }));

  function submit(e: FormEvent) {
    e.preventDefault();
    setSecret(null);
    create.mutate({ url, events: WEBHOOK_EVENTS.filter((t) => events.has(t)) });
  }
  function toggle(t: WebhookEvent, on: boolean) {
    const next = new Set(events);
    if (on) next.add(t);
    else next.delete(t);
    setEvents(next);
  }

  const fieldErrors = create.error?.fields;
  return (
    <section className="panel" aria-labelledby="webhooks">
      <h2 id="webhooks">Outbound webhooks</h2>
      <p className="muted">Events (ids only) POSTed to your systems, signed per Standard Webhooks. Deliveries and retries are on the Outbox page.</p>
      {secret && (
        <div className="notice" role="status">
          <p>Signing secret for <strong>{secret.url}</strong>. Copy it now: it will not be shown again.</p>
          <p className="secret" data-testid="new-webhook-secret">{secret.secret}</p>
          <CopyButton text={secret.secret} label="Copy the signing secret" />
        </div>
      )}
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="webhook-url">Endpoint URL</label>
          <input id="webhook-url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://hooks.example.com/replaydesk"
            aria-invalid={fieldErrors?.url ? true : undefined} aria-describedby={fieldErrors?.url ? "webhook-url-error" : undefined} />
          {fieldErrors?.url && <p id="webhook-url-error" className="error" role="alert">{fieldErrors.url}</p>}
        </div>
        <fieldset>
          <legend>Events</legend>
          {WEBHOOK_EVENTS.map((t) => (
            <label key={t} className="row">
              <input type="checkbox" checked={events.has(t)} onChange={(e) => toggle(t, e.target.checked)} /> <code>{t}</code>
            </label>
          ))}
          {fieldErrors?.events && <p className="error" role="alert">{fieldErrors.events}</p>}
        </fieldset>
        <button type="submit" disabled={create.isPending}>{create.isPending ? "Adding…" : "Add endpoint"}</button>
      </form>
      {create.error && !fieldErrors?.url && !fieldErrors?.events && <p className="notice error" role="alert">{create.error.message}</p>}
      {endpoints.length === 0 ? (
        <p role="status">No endpoint yet.</p>
      ) : (
        <table>
          <thead><tr><th scope="col">URL</th><th scope="col">Events</th><th scope="col">Created</th><th scope="col">Status</th></tr></thead>
          <tbody>
            {endpoints.map((e) => (
              <tr key={e.id}>
                <td><code>{e.url}</code></td>
                <td>{e.events.join(", ")}</td>
                <td>{when(e.createdAt)}</td>
                <td>
                  {e.disabledAt ? (
                    <span className="tag bad">disabled {when(e.disabledAt)}</span>
                  ) : (
                    <span className="row">
                      <button type="button" className="secondary" onClick={() => rotate.mutate(e.id)} disabled={rotate.isPending} aria-label={`Rotate the secret of ${e.url}`}>Rotate secret</button>
                      <button type="button" className="secondary" onClick={() => disable.mutate(e.id)} disabled={disable.isPending} aria-label={`Disable ${e.url}`}>Disable</button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(rotate.error ?? disable.error) && <p className="error" role="alert">{(rotate.error ?? disable.error)!.message}</p>}
    </section>
  );
}
