import type { Metadata } from "next";
import { ConfirmRequest } from "./confirm-request";

export const metadata: Metadata = { title: "Confirm your support request", robots: { index: false } };

// The page behind the "Is this support request yours?" email. Opening it changes nothing: the
// button adds the request to the account (a link scanner confirms nothing).
export default function ConfirmRequestPage() {
  return (
    <section className="panel">
      <h1>Is this support request yours?</h1>
      <ConfirmRequest />
    </section>
  );
}
