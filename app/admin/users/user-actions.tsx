"use client";
import { useState } from "react";
import { useRevokeGrant, useSetUserActive } from "@/lib/ui/admin";

// Deactivating ends the person's sessions at once, so it asks for a second click.
export function UserActiveButton({ userId, email, active }: { userId: string; email: string; active: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const change = useSetUserActive(userId, () => setConfirming(false));
  if (active && confirming) {
    return (
      <span className="row" role="group" aria-label={`Confirm deactivating ${email}`}>
        <span>Sign {email} out everywhere and block sign-in?</span>
        <button type="button" onClick={() => change.mutate(false)} disabled={change.isPending}>{change.isPending ? "Deactivating…" : "Yes, deactivate"}</button>
        <button type="button" className="secondary" onClick={() => setConfirming(false)}>Cancel</button>
        {change.error && <span className="error" role="alert">{change.error.message}</span>}
      </span>
    );
  }
  return (
    <>
      <button type="button" className="secondary" onClick={() => (active ? setConfirming(true) : change.mutate(true))} disabled={change.isPending} aria-label={`${active ? "Deactivate" : "Reactivate"} ${email}`}>
        {change.isPending ? "Saving…" : active ? "Deactivate" : "Reactivate"}
      </button>
      {change.error && <span className="error" role="alert">{change.error.message}</span>}
    </>
  );
}

export function RevokeGrantButton({ grantId, label }: { grantId: string; label: string }) {
  const revoke = useRevokeGrant(grantId);
  return (
    <>
      <button type="button" className="secondary" onClick={() => revoke.mutate(undefined)} disabled={revoke.isPending} aria-label={label}>
        {revoke.isPending ? "Revoking…" : "Revoke"}
      </button>
      {revoke.error && <span className="error" role="alert">{revoke.error.message}</span>}
    </>
  );
}
