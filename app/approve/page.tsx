import type { Metadata } from "next";
import { ApprovalView } from "./approval-view";

export const metadata: Metadata = { title: "Approve viewing a recording", robots: { index: false } };

// The page behind the approval email's links. It shows the request and acts only on a button
// click (a POST): a link scanner that opens the link approves nothing.
export default function ApprovePage() {
  return (
    <section className="panel">
      <h1>A support agent asks to view your recorded visit</h1>
      <ApprovalView />
    </section>
  );
}
