"use client";
import { useState } from "react";
import { callApi, useAdminMutation } from "../../api-client";

type Key = { id: string; fingerprint: string; createdAt: string; retiredAt: string | null };

const day = (iso: string) => iso.slice(0, 16).replace("T", " ");

// Rotation asks for a second click: it changes what new sessions seal to.
function ConfirmedAction({ label, busyLabel, question, onConfirm, pending, error }: { label: string; busyLabel: string; question: string; onConfirm: () => void; pending: boolean; error: string | null }) {
  const [asking, setAsking] = useState(false);
  return (
    <div>
      {asking ? (
        <div className="confirm-box" role="group" aria-label={question}>
          <p>{question}</p>
          <div className="row">
            <button type="button" onClick={() => { onConfirm(); setAsking(false); }} disabled={pending}>Yes, {label.toLowerCase()}</button>
            <button type="button" className="secondary" onClick={() => setAsking(false)}>Cancel</button>
          </div>
        </div>
      ) : (
        <button type="button" onClick={() => setAsking(true)} disabled={pending}>{pending ? busyLabel : label}</button>
      )}
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}

export function VaultKeys({ siteId, keys, maskingMode, custody }: { siteId: string; keys: Key[]; maskingMode: string; custody: { state: string; custodian: string | null } }) {
  const active = keys.find((k) => k.retiredAt === null);
  const retired = keys.filter((k) => k.retiredAt !== null);
  const rotate = useAdminMutation(() => callApi("POST", `/api/v1/admin/sites/${siteId}/vault-key`));
  return (
    <section className="panel" aria-labelledby="vault">
      <h2 id="vault">Vault key (M1 / M2)</h2>
      <p className="muted">
        On M1 and M2 sites the recorder seals the unmasked copy on the visitor&apos;s device to this public key. An M1 key&apos;s private half is kept only
        encrypted under the key store&apos;s vault key-wrapping key and MASTER_KEY, and is never shown. An M2 key is made by the site&apos;s key custodian
        (a privacy officer, at /custody) and sealed under their secret as well, which the server never stores: only they can open it.
        {maskingMode === "M3" ? " This site is M3: the key is not used." : ""}
      </p>
      <p data-testid="vault-custody">
        {custody.state === "none" ? "Key custody: none (the server holds this site's key, or there is none)." : `Key custody: held by ${custody.custodian ?? "a former account"}${custody.state === "orphaned" ? ", who is no longer this site's privacy officer" : ""}.`}
      </p>
      {active ? (
        <p data-testid="vault-active">Active key <code>{active.fingerprint}</code>, created {day(active.createdAt)} UTC.</p>
      ) : (
        <p role="status" className={maskingMode === "M3" ? undefined : "shortfall"}>No vault key yet{maskingMode === "M3" ? "." : `: this ${maskingMode} site cannot collect the unmasked copy until you generate one.`}</p>
      )}
      {retired.length > 0 && (
        <details>
          <summary>{retired.length} retired key(s), kept to open recordings sealed to them</summary>
          <ul>{retired.map((k) => <li key={k.id}><code>{k.fingerprint}</code>: {day(k.createdAt)} to {day(k.retiredAt!)} UTC</li>)}</ul>
        </details>
      )}
      {maskingMode === "M2" ? (
        <p className="hint">On M2 only the key custodian replaces this key (by enrolling again at /custody).</p>
      ) : (
        <ConfirmedAction
          label={active ? "Rotate vault key" : "Generate vault key"}
          busyLabel="Generating…"
          question={active ? "New sessions will seal to a new key; the current one is retired but kept for recordings already sealed to it. Rotate?" : "Generate the site's vault key pair?"}
          onConfirm={() => rotate.mutate(undefined)}
          pending={rotate.isPending}
          error={rotate.error?.message ?? null}
        />
      )}
    </section>
  );
}

export function PseudonymKey({ siteId, version }: { siteId: string; version: number }) {
  const rotate = useAdminMutation(() => callApi("POST", `/api/v1/admin/sites/${siteId}/pseudonym-key`));
  return (
    <section className="panel" aria-labelledby="pseudonym">
      <h2 id="pseudonym">Pseudonym key (I2 / I3)</h2>
      <p className="muted">
        When the site passes its user id to the recorder, Replaydesk stores only a keyed hash of it, specific to this site, so agents can find a
        customer&apos;s other sessions without ever seeing the id. Rotating the key means pseudonyms from before and after the rotation can no longer be
        linked to each other: that is the point, for example after a leak or on a schedule. Recordings already stored keep their pseudonym.
      </p>
      <p>Current key version: <strong data-testid="pseudonym-version">{version}</strong></p>
      <ConfirmedAction
        label="Rotate pseudonym key"
        busyLabel="Rotating…"
        question="Sessions recorded from now on will get pseudonyms that cannot be linked to earlier ones. Rotate?"
        onConfirm={() => rotate.mutate(undefined)}
        pending={rotate.isPending}
        error={rotate.error?.message ?? null}
      />
    </section>
  );
}
