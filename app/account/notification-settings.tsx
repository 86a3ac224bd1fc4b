"use client";
import { useState, type FormEvent } from "react";
import { STAFF_NOTIFICATIONS, STAFF_NOTIFICATION_LABELS, type StaffNotification } from "@/lib/notifications/preferences";
import { ApiError } from "@/lib/ui/api";
import { useNotificationSettings, useSaveNotificationSettings } from "@/lib/ui/notifications";

// Staff choose which ticket events email them. A plain form: checkboxes reached with Tab, toggled
// with Space, saved with the button (or Enter), and the outcome announced.
export function NotificationSettings() {
  const settings = useNotificationSettings();
  return (
    <section className="panel" aria-labelledby="notification-settings">
      <h2 id="notification-settings">Email notifications</h2>
      {settings.isPending ? (
        <p className="muted" role="status">Loading your notification settings…</p>
      ) : settings.isError ? (
        <p className="notice error" role="alert">We could not load your notification settings. Reload the page to try again.</p>
      ) : (
        <NotificationForm initial={settings.data.notifyOn} />
      )}
    </section>
  );
}

function NotificationForm({ initial }: { initial: StaffNotification[] }) {
  const [chosen, setChosen] = useState<ReadonlySet<StaffNotification>>(new Set(initial));
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const save = useSaveNotificationSettings();

  const toggle = (event: StaffNotification, on: boolean) => {
    setOutcome(null);
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(event);
      else next.delete(event);
      return next;
    });
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await save.mutateAsync({ notifyOn: STAFF_NOTIFICATIONS.filter((event) => chosen.has(event)) });
      setOutcome({ ok: true, text: "Saved." });
    } catch (err) {
      setOutcome({ ok: false, text: err instanceof ApiError && err.status !== 0 ? err.message : "We could not save your choice. Try again." });
    }
  }

  return (
    <form onSubmit={submit} noValidate data-testid="notification-settings">
      <fieldset>
        <legend>Email me when…</legend>
        {STAFF_NOTIFICATIONS.map((event) => (
          <label key={event} className="choice">
            <input type="checkbox" name="notifyOn" value={event} checked={chosen.has(event)} onChange={(e) => toggle(event, e.target.checked)} />
            <span>{STAFF_NOTIFICATION_LABELS[event]}</span>
          </label>
        ))}
      </fieldset>
      <p className="hint">Customers are always emailed about their own tickets: your replies and the ticket&apos;s closing.</p>
      <button type="submit" disabled={save.isPending}>{save.isPending ? "Saving…" : "Save notification settings"}</button>
      {outcome && (
        <p className={outcome.ok ? "notice" : "notice error"} role={outcome.ok ? "status" : "alert"}>{outcome.text}</p>
      )}
    </form>
  );
}
