"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!EMAIL.test(email.trim())) {
      setError("Enter a valid email address, like name@example.com.");
      return;
    }
    setError(null);
    setSending(true);
    const result = await signIn("email", { email: email.trim(), callbackUrl, redirect: false });
    setSending(false);
    if (!result || result.error) {
      const messages: Record<string, string> = {
        AccessDenied: "This account cannot sign in.",
        RateLimited: "Too many sign-in emails were asked for. Wait a few minutes, then try again.",
      };
      setError(messages[result?.error ?? ""] ?? "We could not send the sign-in email. Try again.");
      return;
    }
    router.push(`/signin/check-email?email=${encodeURIComponent(email.trim())}`);
  }

  return (
    <form onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="email">Email address</label>
        <input
          id="email" name="email" type="email" autoComplete="email" required autoFocus
          value={email} onChange={(e) => setEmail(e.target.value)}
          aria-invalid={error ? true : undefined} aria-describedby={error ? "email-error" : undefined}
        />
        {error && <p id="email-error" className="error" role="alert">{error}</p>}
      </div>
      <button type="submit" disabled={sending}>{sending ? "Sending…" : "Email me a sign-in link"}</button>
    </form>
  );
}
