"use client";
import { callApi, useAdminMutation } from "../api-client";

// One click each: confirm keeps the grant for another review period, revoke ends it now.
export function ReviewActions({ grantId, who, own }: { grantId: string; who: string; own: boolean }) {
  const confirm = useAdminMutation(() => callApi("POST", `/api/v1/admin/grants/${grantId}/review`));
  const revoke = useAdminMutation(() => callApi("DELETE", `/api/v1/admin/grants/${grantId}`));
  const busy = confirm.isPending || revoke.isPending;
  const error = confirm.error ?? revoke.error;
  return (
    <div className="row">
      {own ? (
        <span className="hint">Another admin must review your own grant.</span>
      ) : (
        <button type="button" onClick={() => confirm.mutate(undefined)} disabled={busy} aria-label={`Confirm ${who}`}>
          {confirm.isPending ? "Confirming…" : "Confirm"}
        </button>
      )}
      <button type="button" className="secondary" onClick={() => revoke.mutate(undefined)} disabled={busy} aria-label={`Revoke ${who}`}>
        {revoke.isPending ? "Revoking…" : "Revoke"}
      </button>
      {error && <span className="error" role="alert">{error.message}</span>}
    </div>
  );
}
