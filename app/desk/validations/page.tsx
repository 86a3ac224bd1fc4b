import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { listPendingValidations } from "@/lib/reveal/validate-unmask";
import { formatDateTime } from "@/lib/ui/format";
import { ValidateButton } from "./validate-button";

export const metadata: Metadata = { title: "Unmask validations" };

export default async function ValidationsPage() {
  const actor = await requirePagePermission("unmask:approve", "/desk/validations");
  const pending = await listPendingValidations(actor);
  return (
    <section className="panel">
      <h1>Unmask validations</h1>
      <p className="muted">
        On M1 sites, viewing a recording unmasked needs the customer&apos;s approval and your internal validation. Check
        that the justification is specific and that unmasking is necessary to help; you cannot validate your own requests.
        Validating lets the agent who asked, the one the customer approved, watch; you cannot watch under your own validation.
      </p>
      {pending.length === 0 ? (
        <p role="status">No request is waiting for a validation.</p>
      ) : (
        <table>
          <thead>
            <tr><th scope="col">Ticket</th><th scope="col">Asked by</th><th scope="col">Justification</th><th scope="col">Customer</th><th scope="col">Asked</th><th scope="col"><span className="muted">Action</span></th></tr>
          </thead>
          <tbody>
            {pending.map((r) => (
              <tr key={r.id}>
                <td><Link href={`/desk/tickets/${r.ticketId}`}>{r.ticketSubject}</Link></td>
                <td>{r.requester}</td>
                <td>{r.justification}</td>
                <td>{r.customerAnswer === "approved" ? "approved" : "not answered yet"}</td>
                <td>{formatDateTime(r.createdAt)}</td>
                <td>{r.mine ? <span className="muted">your request</span> : <ValidateButton id={r.id} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
