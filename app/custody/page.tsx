import type { Metadata } from "next";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { listCustodyRequests } from "@/lib/reveal/custody";
import { custodySitesFor } from "@/lib/sites/custody";
import { formatDateTime } from "@/lib/ui/format";
import { AnswerRequest, EnrolSite } from "./custody-actions";

export const metadata: Metadata = { title: "Key custody" };

const CUSTODY_LABEL = { enrolled: "held", orphaned: "held by someone who is no longer privacy officer", none: "no key custodian" } as const;

// The M2 key custodian's page (privacy point 6): the sites they are privacy officer of, and the
// unmasking requests waiting for their acceptance.
export default async function CustodyPage() {
  const actor = await requirePagePermission("unmask:custody", "/custody");
  const [sites, requests] = await Promise.all([custodySitesFor(actor), listCustodyRequests(actor)]);
  return (
    <>
      <section className="panel" aria-labelledby="custody">
        <h1 id="custody">Key custody (M2)</h1>
        <p className="muted">
          On an M2 site the unmasked copy of a recording can only be opened with a secret that you alone hold: not the publisher&apos;s staff, not whoever runs
          this server. An agent&apos;s request to see it comes to you after the customer approved it; read the agent&apos;s reason, then accept (with your
          secret: that recording is unsealed for that approval only) or refuse. You never watch recordings yourself.
        </p>
        <table>
          <thead>
            <tr><th scope="col">Site</th><th scope="col">Mode</th><th scope="col">Vault key custody</th><th scope="col"><span className="muted">Action</span></th></tr>
          </thead>
          <tbody>
            {sites.map((s) => (
              <tr key={s.id} data-testid="custody-site">
                <td>{s.name}</td>
                <td>{s.maskingMode}</td>
                <td>{s.mine && s.custody === "enrolled" ? `held by you since ${formatDateTime(s.since)}` : s.custody === "enrolled" ? `held by ${s.custodian}` : CUSTODY_LABEL[s.custody]}</td>
                <td>{s.maskingMode === "M1" ? <span className="muted">M1 site: the server opens its copies after a supervisor&apos;s validation</span> : <EnrolSite siteId={s.id} siteName={s.name} again={s.custody !== "none"} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel" aria-labelledby="waiting">
        <h2 id="waiting">Requests waiting for you</h2>
        {requests.length === 0 ? (
          <p role="status">No request is waiting for your decision.</p>
        ) : (
          <table>
            <thead>
              <tr><th scope="col">Site</th><th scope="col">Agent</th><th scope="col">Reason given</th><th scope="col">Customer approved</th><th scope="col">Viewing ends</th><th scope="col"><span className="muted">Decision</span></th></tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id} data-testid="custody-request">
                  <td>{r.site}</td>
                  <td>{r.requester}</td>
                  <td>{r.justification}</td>
                  <td>{formatDateTime(r.approvedAt)}</td>
                  <td>{formatDateTime(r.accessUntil)}</td>
                  <td><AnswerRequest id={r.id} unsealable={r.unsealable} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
