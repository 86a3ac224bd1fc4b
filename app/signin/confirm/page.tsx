import type { Metadata } from "next";
import { ConfirmSignIn } from "./confirm-sign-in";

export const metadata: Metadata = { title: "Confirm sign-in", robots: { index: false } };

// The page behind the sign-in email's link. Opening it signs nobody in: only its button does, a
// same-origin POST, so a link planted by another site (login CSRF) or opened by a mail scanner
// does nothing, and whoever clicks sees which account they are about to use.
export default function ConfirmSignInPage() {
  return (
    <section className="panel">
      <h1>Sign in to Replaydesk?</h1>
      <ConfirmSignIn />
    </section>
  );
}
