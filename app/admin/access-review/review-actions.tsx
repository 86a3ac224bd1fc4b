"use client";
import { useConfirmGrantReview, useRevokeGrant } from "@/lib/ui/admin";

// One click each: confirm keeps the grant for another review period, revoke ends it now.
export function ReviewActions({ grantId, who, own }: { grantId: string; who: string; own: boolean }) {
  const confirm = useConfirmGrantReview(grantId);
  const revoke = useRevokeGrant(grantId);
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
