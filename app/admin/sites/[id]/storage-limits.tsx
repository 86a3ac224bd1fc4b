"use client";
import { useState, type FormEvent } from "react";
import { useUpdateStorageLimits } from "@/lib/ui/admin";

export type StorageView = { storedBytes: number; sessions: number; storageQuotaMb: number; sessionMaxMb: number; sessionMaxChunks: number };

const MIB = 1024 * 1024;
const mib = (bytes: number) => (bytes / MIB).toLocaleString("en", { maximumFractionDigits: 1 });
const FIELDS = [
  { key: "storageQuotaMb", label: "Storage quota for the site (MiB)", hint: "1 to 1,048,576. Uploads beyond it are refused (413) until recordings are deleted." },
  { key: "sessionMaxMb", label: "Cap per session (MiB)", hint: "1 to 1,024, at most the quota." },
  { key: "sessionMaxChunks", label: "Cap per session (chunks)", hint: "1 to 100,000. One chunk per upload (every 5 s while streaming), two on M1/M2 sites." },
] as const;

// Security M5: what the site's recordings hold now against its quota, and the limits themselves.
export function StorageLimits({ siteId, usage }: { siteId: string; usage: StorageView }) {
  const [values, setValues] = useState(() => Object.fromEntries(FIELDS.map((f) => [f.key, String(usage[f.key])])) as Record<(typeof FIELDS)[number]["key"], string>);
  const save = useUpdateStorageLimits(siteId);
  const share = usage.storedBytes / (usage.storageQuotaMb * MIB);

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate(Object.fromEntries(FIELDS.map((f) => [f.key, Number(values[f.key])])));
  }

  return (
    <section className="panel" aria-labelledby="storage">
      <h2 id="storage">Storage</h2>
      <p data-testid="storage-usage" className={share >= 0.9 ? "shortfall" : undefined}>
        {mib(usage.storedBytes)} MiB used of {usage.storageQuotaMb.toLocaleString("en")} MiB ({(share * 100).toFixed(share < 0.1 ? 1 : 0)} %), in {usage.sessions} recording(s).
      </p>
      <p className="muted">Anyone holding the public site key can upload, so these limits bound what a flood can store. They are checked on every upload.</p>
      <form onSubmit={submit} noValidate>
        {FIELDS.map((f) => {
          const error = save.error?.fields[f.key];
          return (
            <div className="field" key={f.key}>
              <label htmlFor={`storage-${f.key}`}>{f.label}</label>
              <input id={`storage-${f.key}`} inputMode="numeric" value={values[f.key]} onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
                aria-invalid={error ? true : undefined} aria-describedby={`storage-${f.key}-hint${error ? ` storage-${f.key}-error` : ""}`} />
              <p id={`storage-${f.key}-hint`} className="hint">{f.hint}</p>
              {error && <p id={`storage-${f.key}-error`} className="error" role="alert">{error}</p>}
            </div>
          );
        })}
        <button type="submit" disabled={save.isPending}>{save.isPending ? "Saving…" : "Save storage limits"}</button>
        {save.isSuccess && <p role="status">Saved.</p>}
        {save.error && Object.keys(save.error.fields).length === 0 && <p className="error" role="alert">{save.error.message}</p>}
      </form>
    </section>
  );
}
