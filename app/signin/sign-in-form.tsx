"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const t = useTranslations("signIn");
  const tc = useTranslations("common");
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!EMAIL.test(email.trim())) {
      setError(t("invalidEmail"));
      return;
    }
    setError(null);
    setSending(true);
    const result = await signIn("email", { email: email.trim(), callbackUrl, redirect: false });
    setSending(false);
    if (!result || result.error) {
      const code = result?.error;
      setError(code === "AccessDenied" ? t("accessDenied") : code === "RateLimited" ? t("errorRateLimited") : t("sendFailed"));
      return;
    }
    router.push(`/signin/check-email?email=${encodeURIComponent(email.trim())}`);
  }

  return (
    <form onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="email">{t("emailLabel")}</label>
        <input
          id="email" name="email" type="email" autoComplete="email" required autoFocus
          value={email} onChange={(e) => setEmail(e.target.value)}
          aria-invalid={error ? true : undefined} aria-describedby={error ? "email-error" : undefined}
        />
        {error && <p id="email-error" className="error" role="alert">{error}</p>}
      </div>
      <button type="submit" disabled={sending}>{sending ? tc("sending") : t("submit")}</button>
    </form>
  );
}
