"use client";
import { useState } from "react";
import { CopyButton } from "../../copy-button";
import { useRotatePseudonymSecret, useRotateVaultKey } from "@/lib/ui/admin";

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
  const rotate = useRotateVaultKey(siteId);
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

type NewSecret = { secret: string; version: number; createdAt: string };

// Security M1: the secret the publisher's backend signs pseudonyms with. Shown once, right after it
// is generated; only a sealed copy is kept.
export function PseudonymSecret({ siteId, siteKey, createdAt, version }: { siteId: string; siteKey: string; createdAt: string | null; version: number }) {
  const [created, setCreated] = useState<NewSecret | null>(null);
  const rotate = useRotatePseudonymSecret(siteId, (s) => setCreated(s));
  return (
    <section className="panel" aria-labelledby="pseudonym">
      <h2 id="pseudonym">Pseudonym signing secret (I2 / I3)</h2>
      <p className="muted">
        Your backend turns your user id into a pseudonym and signs it with this secret (docs/sdk.md shows how, in Node.js, Python and PHP); the page passes
        both to the recorder. Only a pseudonym with a valid signature links a customer&apos;s recordings together: for their data export and erasure, and
        for agents&apos; &ldquo;related recordings&rdquo;. Anything else (a raw id, an unsigned or expired pseudonym) stays with its one recording.
        Rotating gives new pseudonyms that cannot be linked to earlier ones, for example after a leak.
      </p>
      {created && (
        <div className="notice" role="status">
          <p>Copy the secret into your backend&apos;s secret store now: it will not be shown again. It signs for site key <code>{siteKey}</code>.</p>
          <p className="secret" data-testid="new-pseudonym-secret">{created.secret}</p>
          <CopyButton text={created.secret} label="Copy the signing secret" />
        </div>
      )}
      {createdAt ? (
        <p data-testid="pseudonym-secret-state">Current secret generated {day(createdAt)} UTC (key version <strong data-testid="pseudonym-version">{version}</strong>).</p>
      ) : (
        <p role="status" data-testid="pseudonym-secret-state">No signing secret yet: pseudonyms sent by the pages link nothing.</p>
      )}
      <ConfirmedAction
        label={createdAt ? "Rotate signing secret" : "Generate signing secret"}
        busyLabel="Generating…"
        question={
          createdAt
            ? "The current secret stops working at once: pages signed with it link nothing until your backend uses the new one, and later recordings never link to earlier ones. Rotate?"
            : "Generate the site's pseudonym signing secret? It is shown once."
        }
        onConfirm={() => {
          setCreated(null);
          rotate.mutate(undefined);
        }}
        pending={rotate.isPending}
        error={rotate.error?.message ?? null}
      />
    </section>
  );
}
