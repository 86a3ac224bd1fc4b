"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { DELETE_CONFIRMATION } from "@/lib/retention/rules";
import { useDeleteAccount } from "@/lib/ui/account";
import { ApiError } from "@/lib/ui/api";

// The customer's rights on their account page: download their data, or delete the account after
// an explicit confirmation step (typing the confirmation phrase).
export function AccountActions({ isStaff }: { isStaff: boolean }) {
  return (
    <section className="panel" aria-labelledby="your-data">
      <h2 id="your-data">Your data</h2>
      <p>
        Download everything Replaydesk keeps about you as a JSON file: your tickets and messages, the list of your
        recordings (when, which pages, when they will be deleted — never their content), the requests to view them,
        and the log entries about them.
      </p>
      <p>
        <a className="button secondary" href="/api/v1/me/export" download data-testid="export-link">Export my data</a>
      </p>
      <h2>Delete your account</h2>
      {isStaff ? (
        <p className="muted">This account holds a staff role. An administrator must revoke it before the account can be deleted.</p>
      ) : (
        <DeleteAccount />
      )}
    </section>
  );
}

function DeleteAccount() {
  const router = useRouter();
  const [step, setStep] = useState<"idle" | "confirm" | "deleting" | "done">("idle");
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const deleteAccount = useDeleteAccount();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (typed.trim() !== DELETE_CONFIRMATION) {
      setError(`Type ${DELETE_CONFIRMATION} exactly to confirm.`);
      return;
    }
    setError(null);
    setStep("deleting");
    try {
      await deleteAccount.mutateAsync();
      setStep("done");
    } catch (err) {
      setError(err instanceof ApiError && err.status !== 0 ? err.message : "We could not delete your account. Try again.");
      setStep("confirm");
    }
  }

  if (step === "done") {
    // The session went with the account: refreshing re-renders the header as signed out.
    return (
      <div className="notice" role="status">
        <p>Your account was deleted, with all your recordings. You are signed out.</p>
        <button type="button" className="secondary" onClick={() => { router.push("/"); router.refresh(); }}>Back to the home page</button>
      </div>
    );
  }
  if (step === "idle") {
    return (
      <>
        <p>
          Deleting your account deletes all your recordings at once, signs you out everywhere and removes your account.
          Your tickets stay with the support team without your name, and what you wrote in them is replaced.
        </p>
        <button type="button" className="secondary" onClick={() => setStep("confirm")}>Delete my account…</button>
      </>
    );
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="confirm-delete">
      <p id="confirm-delete" className="notice error">
        This cannot be undone. Your recordings, your account and your sign-in sessions are deleted for good.
      </p>
      <div className="field">
        <label htmlFor="confirm-text">Type {DELETE_CONFIRMATION} to confirm</label>
        <input
          id="confirm-text" name="confirm" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)}
          aria-invalid={error ? true : undefined} aria-describedby={error ? "confirm-error" : undefined}
        />
        {error && <p id="confirm-error" className="error" role="alert">{error}</p>}
      </div>
      <button type="submit" disabled={step === "deleting"}>{step === "deleting" ? "Deleting…" : "Delete my account for good"}</button>{" "}
      <button type="button" className="secondary" onClick={() => { setStep("idle"); setTyped(""); setError(null); }} disabled={step === "deleting"}>
        Cancel
      </button>
    </form>
  );
}
