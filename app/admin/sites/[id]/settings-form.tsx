"use client";
import { useState, type FormEvent, type ReactNode } from "react";
import { settingsShortfalls, type Shortfall } from "@/lib/compliance/shortfalls";
import { MAX_BUFFER_MINUTES, MAX_SESSION_MINUTES, MIN_BUFFER_MINUTES, MIN_SESSION_MINUTES, SESSION_INACTIVITY_MINUTES } from "@/lib/replay/protocol";
import { RETENTION_HOURS_MAX, RETENTION_HOURS_MIN, UNTRIGGERED_RETENTION_MINUTES } from "@/lib/retention/policy";
import { maskingModeRefusal, RECOMMENDED_MAX_RETENTION_HOURS, RETENTION_REASONS, ZSiteSettings, type CurrentSettings, type CustodyState } from "@/lib/sites/schemas";
import { useUpdateSiteSettings } from "@/lib/ui/admin";
import { fieldErrors, fieldIssues } from "@/lib/errors";

// Text inputs hold what the admin typed; the payload is built from them and checked with the
// same schema the server uses, so the inline messages are the server's rules.
type Form = {
  name: string; allowedOrigins: string; maskingMode: string; recordingMode: string; triggers: string[]; bufferMinutes: string;
  samplingRate: string; maxSessionMinutes: string; retentionHours: string; retentionJustification: string; retentionReason: string; closeGraceMinutes: string;
  maskSelectors: string; unmaskSelectors: string; blockSelectors: string; sensitivePages: string; pathSegmentAllowList: string;
};

const MODES = [
  { value: "M3", title: "M3: never collect masked content (default)", text: "Masked text, inputs and images are replaced on the visitor's device and never leave it. Agents can only ever see the masked replay." },
  { value: "M2", title: "M2: collect it sealed, for a key custodian outside your staff", text: "An unmasked copy is sealed on the device to a vault key that only the site's key custodian (a privacy officer who is not its agent, supervisor or admin) can open, with a secret the server never stores; each unmasking needs the customer's approval and the custodian's acceptance of the agent's reason." },
  { value: "M1", title: "M1: collect it, unmask after internal validation", text: "An unmasked copy is kept (sealed to the vault key); viewing it needs a supervisor's internal validation of the agent's request." },
];

const TRIGGERS = [
  { value: "ticket", text: "The customer opens a support request (the SDK's support form)" },
  { value: "manual", text: "The site calls the SDK's trigger, e.g. from a Help button" },
  { value: "error", text: "A JavaScript error occurs on the page" },
  { value: "code", text: "The customer asks for a support code to give support (the SDK's supportCode())" },
];

const toForm = (s: CurrentSettings): Form => ({
  ...s,
  allowedOrigins: s.allowedOrigins.join("\n"),
  bufferMinutes: String(s.bufferMinutes),
  samplingRate: String(s.samplingRate),
  maxSessionMinutes: String(s.maxSessionMinutes),
  retentionHours: String(s.retentionHours),
  closeGraceMinutes: String(s.closeGraceMinutes),
});

const num = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

function payloadOf(f: Form) {
  return {
    ...f,
    allowedOrigins: f.allowedOrigins.split("\n").map((o) => o.trim()).filter(Boolean),
    bufferMinutes: num(f.bufferMinutes),
    samplingRate: num(f.samplingRate),
    maxSessionMinutes: num(f.maxSessionMinutes),
    retentionHours: num(f.retentionHours),
    closeGraceMinutes: num(f.closeGraceMinutes),
  };
}

export function SettingsForm({ siteId, initial, hasVaultKey, custody }: { siteId: string; initial: CurrentSettings; hasVaultKey: boolean; custody: CustodyState }) {
  const [form, setForm] = useState<Form>(() => toForm(initial));
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [pendingGaps, setPendingGaps] = useState<Shortfall[] | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const save = useUpdateSiteSettings(
    siteId,
    (r) => setSaved(r.changed.length ? `Saved. Changed: ${r.changed.join(", ")}. New sessions use these settings.` : "Nothing changed."),
  );

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setPendingGaps(null);
    setSaved(null);
    save.reset();
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    const payload = payloadOf(form);
    const parsed = ZSiteSettings.safeParse(payload);
    if (!parsed.success) {
      const found = fieldErrors(fieldIssues(parsed.error));
      setErrors(found);
      setPendingGaps(null);
      document.getElementById(`s-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    setErrors({});
    const modeRefusal = parsed.data.maskingMode === initial.maskingMode ? null : maskingModeRefusal(parsed.data.maskingMode, custody);
    if (modeRefusal) {
      setErrors({ maskingMode: modeRefusal });
      return;
    }
    const gaps = settingsShortfalls({ ...parsed.data, hasVaultKey, custody });
    if (gaps.length > 0 && pendingGaps === null) {
      // Warn before saving: the admin confirms knowingly, the compliance record will show it in red.
      setPendingGaps(gaps);
      return;
    }
    setPendingGaps(null);
    save.mutate(parsed.data);
  }

  const err = (key: string) => errors[key] ?? save.error?.fields[key];
  const unplaced = save.error && !Object.keys(save.error.fields).some((k) => k in form) ? save.error.message : null;

  const field = (key: keyof Form, label: string, input: ReactNode, hint?: ReactNode) => (
    <div className="field">
      <label htmlFor={`s-${key}`}>{label}</label>
      {input}
      {hint && <p id={`s-${key}-hint`} className="hint">{hint}</p>}
      {err(key) && <p id={`s-${key}-error`} className="error" role="alert">{err(key)}</p>}
    </div>
  );
  const a11y = (key: keyof Form, hint = false) => ({
    id: `s-${key}`,
    "aria-invalid": err(key) ? true : undefined,
    "aria-describedby": [hint ? `s-${key}-hint` : "", err(key) ? `s-${key}-error` : ""].filter(Boolean).join(" ") || undefined,
  });
  const text = (key: keyof Form, hint = false) => ({ ...a11y(key, hint), value: form[key] as string, onChange: (e: { target: { value: string } }) => set(key, e.target.value) });

  return (
    <form className="panel" aria-labelledby="settings" onSubmit={submit} noValidate>
      <h2 id="settings">Privacy settings</h2>

      <fieldset>
        <legend>Site</legend>
        {field("name", "Name (the publisher's name, used in the consent text)", <input {...text("name")} />)}
        {field("allowedOrigins", "Allowed origins, one per line", <textarea {...text("allowedOrigins", true)} />, "Only pages on these origins may send recordings, consents and tickets.")}
      </fieldset>

      <fieldset aria-describedby="s-maskingMode-hint">
        <legend>Masking (M0 always on: everything is masked unless a selector says otherwise)</legend>
        {MODES.map((m) => {
          // Privacy point 6: a mode this site's key custody does not allow cannot be chosen; the reason is said beside it.
          const refusal = m.value === initial.maskingMode ? null : maskingModeRefusal(m.value, custody);
          return (
            <label key={m.value} className="choice">
              <input type="radio" name="maskingMode" value={m.value} checked={form.maskingMode === m.value} disabled={refusal !== null} onChange={() => set("maskingMode", m.value)} id={m.value === form.maskingMode ? "s-maskingMode" : undefined} aria-describedby={refusal ? `s-mode-${m.value}-refusal` : undefined} />
              <span><strong>{m.title}</strong><br />{m.text}{refusal && <><br /><span id={`s-mode-${m.value}-refusal`} className="hint">Not available: {refusal}</span></>}</span>
            </label>
          );
        })}
        <p id="s-maskingMode-hint" className="hint">In every mode the customer must approve by email before an agent sees anything. M1 needs a vault key (below); M2 a key custodian, who makes the site&apos;s vault key at /custody.</p>
        {err("maskingMode") && <p className="error" role="alert">{err("maskingMode")}</p>}
        {field("maskSelectors", "Extra mask selectors, one per line", <textarea {...text("maskSelectors", true)} />, "Masked in addition to the defaults (all text, inputs and images).")}
        {field("unmaskSelectors", "Unmask selectors, one per line", <textarea {...text("unmaskSelectors", true)} />, "Shown unmasked to approved agents: only content that is never personal, such as product names or error messages. Selectors that would unmask whole pages (no class, id or attribute, or more than 20 % of the text of sample pages) are refused; passwords, payment and one-time code fields stay out whatever they say.")}
        {field("blockSelectors", "Block selectors, one per line", <textarea {...text("blockSelectors", true)} />, "Recorded as an empty box. Passwords and payment card fields are always blocked (S1).")}
        <p className="hint">Supported: tag, *, #id, .class, [attr], [attr=value] (also ^= $= *= ~= |=, with an optional i flag), lists and descendant combinators.</p>
      </fieldset>

      <fieldset>
        <legend>Pages</legend>
        {field("sensitivePages", "Sensitive pages: path patterns where nothing is recorded, one per line", <textarea {...text("sensitivePages", true)} />, "For example /account/* or /health/* (* stands for any characters). On these pages the SDK neither records nor keeps anything, and uploads claiming one are dropped.")}
        {field("pathSegmentAllowList", "Path segments shown, one per line", <textarea {...text("pathSegmentAllowList", true)} />, "Page paths are shown to agents and customers (and in replays' links) with every other segment replaced by :id. * shows every segment that does not look like an identifier (numbers, e-mails, long codes); leave empty to show none.")}
      </fieldset>

      <fieldset>
        <legend>When to record (L2)</legend>
        <label className="choice">
          <input type="radio" name="recordingMode" id={form.recordingMode === "buffer" ? "s-recordingMode" : undefined} checked={form.recordingMode === "buffer"} onChange={() => set("recordingMode", "buffer")} />
          <span><strong>Buffer (recommended)</strong><br />The last minutes stay on the visitor&apos;s device and are uploaded only after a trigger.</span>
        </label>
        <label className="choice">
          <input type="radio" name="recordingMode" id={form.recordingMode === "stream" ? "s-recordingMode" : undefined} checked={form.recordingMode === "stream"} onChange={() => set("recordingMode", "stream")} />
          <span><strong>Streaming</strong><br />Uploaded from the start; sessions without a trigger are deleted {UNTRIGGERED_RETENTION_MINUTES} minutes after they end. Falls short of the recommendation.</span>
        </label>
        <div role="group" aria-labelledby="s-triggers-label">
          <p id="s-triggers-label"><strong>Triggers</strong></p>
          {TRIGGERS.map((t) => (
            <label key={t.value} className="choice">
              <input type="checkbox" id={t.value === TRIGGERS[0]!.value ? "s-triggers" : undefined} checked={form.triggers.includes(t.value)}
                onChange={(e) => set("triggers", e.target.checked ? [...form.triggers, t.value] : form.triggers.filter((x) => x !== t.value))} />
              <span><code>{t.value}</code>: {t.text}</span>
            </label>
          ))}
          {err("triggers") && <p className="error" role="alert">{err("triggers")}</p>}
        </div>
        <div className="form-grid">
          {field("bufferMinutes", `Buffer length (minutes, ${MIN_BUFFER_MINUTES}–${MAX_BUFFER_MINUTES})`, <input inputMode="numeric" {...text("bufferMinutes", true)} />, "How much of the session before the trigger is kept on the device.")}
          {field("samplingRate", "Sampling rate (L1, 0.01–1)", <input inputMode="decimal" {...text("samplingRate", true)} />, "1 records every consenting session. Sampling is not needed for support: a customer asking for help could have no recording.")}
          {field("maxSessionMinutes", `Maximum session length (I1, minutes, ${MIN_SESSION_MINUTES}–${MAX_SESSION_MINUTES})`, <input inputMode="numeric" {...text("maxSessionMinutes", true)} />, `Session ids are random and renewed after this long, and after ${SESSION_INACTIVITY_MINUTES} minutes of inactivity, so long visits are cut into unlinkable pieces.`)}
        </div>
      </fieldset>

      <fieldset>
        <legend>Retention</legend>
        <p className="hint">
          The recommendation for support: &ldquo;retention period limited to a few hours after the end of the session&rdquo;, &ldquo;justified in a documented manner with
          regard to the occurrence of support situations over time&rdquo;. Above {RECOMMENDED_MAX_RETENTION_HOURS} hours a justification is required.
        </p>
        <div className="form-grid">
          {field("retentionHours", `Hours after the end of the session (${RETENTION_HOURS_MIN}–${RETENTION_HOURS_MAX})`, <input inputMode="numeric" {...text("retentionHours")} />)}
          {field("closeGraceMinutes", "Minutes after the ticket closes (0 = at once; at most the retention)", <input inputMode="numeric" {...text("closeGraceMinutes")} />)}
        </div>
        {field(
          "retentionReason",
          `Reason (required above ${RECOMMENDED_MAX_RETENTION_HOURS} hours)`,
          <select {...text("retentionReason")}>
            <option value="">No reason given</option>
            {Object.entries(RETENTION_REASONS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>,
        )}
        {field("retentionJustification", `Justification (required above ${RECOMMENDED_MAX_RETENTION_HOURS} hours)`, <textarea {...text("retentionJustification", true)} />, "E.g. how long after a session customers usually contact support, from your ticket history.")}
      </fieldset>

      {pendingGaps && (
        <div className="confirm-box" role="alert" aria-labelledby="gaps-title">
          <p id="gaps-title"><strong>These settings fall short of the recommendation for support:</strong></p>
          <ul>{pendingGaps.map((g) => <li key={g.message} className="shortfall">{g.measure}: {g.message}</li>)}</ul>
          <p>The compliance record will show this in red. Save anyway?</p>
          <div className="row">
            <button type="submit" disabled={save.isPending}>{save.isPending ? "Saving…" : "Save anyway"}</button>
            <button type="button" className="secondary" onClick={() => setPendingGaps(null)}>Go back</button>
          </div>
        </div>
      )}
      {Object.keys(errors).length > 0 && <p className="notice error" role="alert">Nothing was saved: correct the fields marked above.</p>}
      {save.error && <p className="notice error" role="alert">Nothing was saved: {unplaced ?? "correct the fields marked above."}</p>}
      {saved && <p className="notice" role="status">{saved}</p>}
      {!pendingGaps && <button type="submit" disabled={save.isPending}>{save.isPending ? "Saving…" : "Save settings"}</button>}
    </form>
  );
}
