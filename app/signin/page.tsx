import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "./sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("title") };
}

// next-auth sends its error codes here (?error=...); show them in words.
const ERRORS = {
  Verification: "errorVerification",
  AccessDenied: "errorAccessDenied",
  EmailSignin: "errorEmailSignin",
  RateLimited: "errorRateLimited",
} as const;
const isKnownError = (code: string): code is keyof typeof ERRORS => Object.hasOwn(ERRORS, code);

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  const t = await getTranslations("signIn");
  // Only same-site paths: an absolute callbackUrl could send the user to another site after sign-in.
  const safeCallback = callbackUrl?.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/account";
  return (
    <section className="panel">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      {error && <p className="notice error" role="alert">{t(isKnownError(error) ? ERRORS[error] : "errorOther")}</p>}
      <SignInForm callbackUrl={safeCallback} />
    </section>
  );
}
