"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/lib/i18n/client";
import { DELETE_CONFIRMATION } from "@/lib/retention/rules";
import { useDeleteAccount } from "@/lib/ui/account";
import { ApiError } from "@/lib/ui/api";

// The customer's rights on their account page: download their data, or delete the account after
// an explicit confirmation step (typing the confirmation phrase).
export function AccountActions({ isStaff }: { isStaff: boolean }) {
  const t = useTranslations("account");
  return (
    <section className="panel" aria-labelledby="your-data">
      <h2 id="your-data">{t("yourData")}</h2>
      <p>{t("dataText")}</p>
      <p>
        <a className="button secondary" href="/api/v1/me/export" download data-testid="export-link">{t("export")}</a>
      </p>
      <h2>{t("deleteTitle")}</h2>
      {isStaff ? (
        <p className="muted">{t("staffCannotDelete")}</p>
      ) : (
        <DeleteAccount />
      )}
    </section>
  );
}

function DeleteAccount() {
  const errorText = useErrorText();
  const router = useRouter();
  const t = useTranslations("account");
  const tc = useTranslations("common");
  const [step, setStep] = useState<"idle" | "confirm" | "deleting" | "done">("idle");
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const deleteAccount = useDeleteAccount();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (typed.trim() !== DELETE_CONFIRMATION) {
      setError(t("typeExactly", { phrase: DELETE_CONFIRMATION }));
      return;
    }
    setError(null);
    setStep("deleting");
    try {
      await deleteAccount.mutateAsync();
      setStep("done");
    } catch (err) {
      setError(err instanceof ApiError && err.status !== 0 ? errorText(err) : t("deleteFailed"));
      setStep("confirm");
    }
  }

  if (step === "done") {
    // The session went with the account: refreshing re-renders the header as signed out.
    return (
      <div className="notice" role="status">
        <p>{t("deleted")}</p>
        <button type="button" className="secondary" onClick={() => { router.push("/"); router.refresh(); }}>{t("backHome")}</button>
      </div>
    );
  }
  if (step === "idle") {
    return (
      <>
        <p>{t("deleteIntro")}</p>
        <button type="button" className="secondary" onClick={() => setStep("confirm")}>{t("deleteStart")}</button>
      </>
    );
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="confirm-delete">
      <p id="confirm-delete" className="notice error">
        {t("cannotUndo")}
      </p>
      <div className="field">
        <label htmlFor="confirm-text">{t("typeToConfirm", { phrase: DELETE_CONFIRMATION })}</label>
        <input
          id="confirm-text" name="confirm" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)}
          aria-invalid={error ? true : undefined} aria-describedby={error ? "confirm-error" : undefined}
        />
        {error && <p id="confirm-error" className="error" role="alert">{error}</p>}
      </div>
      <button type="submit" disabled={step === "deleting"}>{step === "deleting" ? tc("deleting") : t("deleteForGood")}</button>{" "}
      <button type="button" className="secondary" onClick={() => { setStep("idle"); setTyped(""); setError(null); }} disabled={step === "deleting"}>
        {t("cancel")}
      </button>
    </form>
  );
}
