import type { Metadata } from "next";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

// next-auth sends its error codes here (?error=...); show them in words.
const ERRORS: Record<string, string> = {
  Verification: "That sign-in link has expired or was already used. Ask for a new one.",
  AccessDenied: "This account cannot sign in. Ask an administrator if you think this is wrong.",
  EmailSignin: "We could not send the sign-in email. Try again in a moment.",
  RateLimited: "Too many sign-in emails were asked for. Wait a few minutes, then try again.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  // Only same-site paths: an absolute callbackUrl could send the user to another site after sign-in.
  const safeCallback = callbackUrl?.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/account";
  return (
    <section className="panel">
      <h1>Sign in</h1>
      <p>Enter your email address and we will send you a sign-in link. No password needed.</p>
      {error && <p className="notice error" role="alert">{ERRORS[error] ?? "Sign-in failed. Try again."}</p>}
      <SignInForm callbackUrl={safeCallback} />
    </section>
  );
}
