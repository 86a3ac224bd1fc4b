"use client";
import { useState, type FormEvent } from "react";
import type { TInvite } from "@/lib/users/schemas";
import { useInviteStaff } from "@/lib/ui/admin";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function InviteForm({ sites }: { sites: { id: string; name: string }[] }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<TInvite["role"]>("agent");
  const [siteId, setSiteId] = useState("");
  const [expiresOn, setExpiresOn] = useState("");
  const [emailError, setEmailError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const invite = useInviteStaff((_, v) => {
    setDone(`Invitation queued for ${v.email}: it is sent in a moment (the outbox page shows its delivery).`);
    setEmail("");
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    if (!EMAIL.test(email.trim())) {
      setEmailError("Enter a valid email address, like name@example.com.");
      return;
    }
    setEmailError(null);
    invite.mutate({ email: email.trim(), role, siteId: siteId || null, expiresOn: expiresOn || null });
  }

  const fieldError = emailError ?? invite.error?.fields.email;
  return (
    <form onSubmit={submit} noValidate>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="invite-email">Email address</label>
          <input id="invite-email" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)}
            aria-invalid={fieldError ? true : undefined} aria-describedby={fieldError ? "invite-email-error" : undefined} />
          {fieldError && <p id="invite-email-error" className="error" role="alert">{fieldError}</p>}
        </div>
        <div className="field">
          <label htmlFor="invite-role">Role</label>
          <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as TInvite["role"])}>
            <option value="agent">agent: answers tickets, watches approved replays</option>
            <option value="supervisor">supervisor: also validates unmasking (M1)</option>
            <option value="admin">admin: users, sites, audit log</option>
            <option value="privacy-officer">privacy-officer: M2 key custodian, outside the site&apos;s staff (never agent, supervisor or admin there)</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="invite-site">Sites covered</label>
          <select id="invite-site" value={siteId} onChange={(e) => setSiteId(e.target.value)}>
            <option value="">Every site</option>
            {sites.map((s) => <option key={s.id} value={s.id}>Only {s.name}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="invite-expires">Access ends on (optional)</label>
          <input id="invite-expires" type="date" value={expiresOn} onChange={(e) => setExpiresOn(e.target.value)}
            aria-invalid={invite.error?.fields.expiresOn ? true : undefined} aria-describedby="invite-expires-hint" />
          <p id="invite-expires-hint" className="hint">For temporary staff. The grant stops counting at 00:00 UTC that day.</p>
          {invite.error?.fields.expiresOn && <p className="error" role="alert">{invite.error.fields.expiresOn}</p>}
        </div>
      </div>
      {invite.error && !invite.error.fields.email && !invite.error.fields.expiresOn && <p className="notice error" role="alert">{invite.error.message}</p>}
      {done && <p className="notice" role="status">{done}</p>}
      <button type="submit" disabled={invite.isPending}>{invite.isPending ? "Inviting…" : "Send invitation"}</button>
    </form>
  );
}
