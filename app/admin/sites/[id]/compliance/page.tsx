import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/policy";
import { loadComplianceRecord } from "@/lib/compliance/load";
import { orNotFound } from "../load-site";
import { PrintButton } from "./print-button";
import "./compliance.css";

export const metadata: Metadata = { title: "Compliance record" };

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "never");
const STATUS_TAG = { on: "ok", shortfall: "bad", "not required": "" } as const;

export default async function CompliancePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePagePermission("audit:read", `/admin/sites/${id}/compliance`);
  const r = await orNotFound(loadComplianceRecord(actor, id));
  const e = r.evidence;
  return (
    <div className="compliance">
      <section className="panel">
        <p className="no-print">
          {can(actor, "site:configure") && <><Link href={`/admin/sites/${r.site.id}`}>← Settings of {r.site.name}</Link> · </>}
          <a href={`/api/v1/admin/sites/${r.site.id}/compliance.json`}>Download as JSON</a> · <a href="#documents">Documents for the DPO</a>
        </p>
        <h1>Compliance record: {r.site.name}</h1>
        <p className="muted">
          Generated {r.generatedAt.replace("T", " ").slice(0, 16)} UTC from the live settings and data, against the CNIL draft recommendation on session
          replay (appendix 1). Evidence covers {day(r.period.from)} to {day(r.period.to)}.
        </p>
        <p data-testid="compliance-verdict" className={r.compliant ? "ok" : "shortfall"}>
          {r.compliant ? "Every measure of the recommended row is in place." : `${r.shortfalls.length} shortfall${r.shortfalls.length > 1 ? "s" : ""} against the recommended row (in red below).`}
        </p>
        <PrintButton />
      </section>
      <section className="panel" aria-labelledby="purpose">
        <h2 id="purpose">Purpose</h2>
        <p><strong>{r.purpose.title}.</strong> {r.purpose.businessNeed}</p>
        <p>Recommended measures: {r.purpose.recommendedMeasures}</p>
        <p>Recommended retention: {r.purpose.retention}</p>
      </section>
      <section className="panel" aria-labelledby="measures">
        <h2 id="measures">Measures</h2>
        <table>
          <thead><tr><th scope="col">Measure</th><th scope="col">Status</th><th scope="col">How, and the evidence</th></tr></thead>
          <tbody>
            {r.measures.map((m) => (
              <tr key={m.code} data-testid={`measure-${m.code}`}>
                <th scope="row"><code>{m.code}</code><div className="hint">{m.title}</div></th>
                <td><span className={`tag ${STATUS_TAG[m.status]}`}>{m.status}</span></td>
                <td>
                  {m.how}
                  {m.evidence.length > 0 && <ul className="evidence">{m.evidence.map((line) => <li key={line}>{line}</li>)}</ul>}
                  {m.shortfalls.map((s) => <p key={s} className="shortfall">Shortfall: {s}</p>)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel" aria-labelledby="evidence">
        <h2 id="evidence">Evidence (last {r.period.days} days)</h2>
        <h3>Requests to view a recording</h3>
        <p data-testid="evidence-reveals">
          {(["approved", "declined", "expired", "withdrawn", "revoked", "pending"] as const).map((k) => <span key={k} className="tag">{k}: {e.reveals[k]}</span>)}
        </p>
        <h3>Unmasking</h3>
        <p data-testid="evidence-custody">
          Key custody (M2):{" "}
          {e.custody.state === "enrolled"
            ? `${e.custody.custodian ?? "a privacy officer"}, since ${day(e.custody.since)}.`
            : e.custody.state === "orphaned"
              ? `held by ${e.custody.custodian ?? "a former account"} (since ${day(e.custody.since)}), who is no longer the site's privacy officer.`
              : "no key custodian enrolled, so M2 cannot be chosen."}
        </p>
        {e.unmasks.length === 0 ? (
          <p>No request to see unmasked content.</p>
        ) : (
          <table>
            <thead><tr><th scope="col">Requested</th><th scope="col">Customer&apos;s answer</th><th scope="col">Validated by (M1)</th><th scope="col">Key custodian (M2)</th></tr></thead>
            <tbody>
              {e.unmasks.map((u) => (
                <tr key={u.id}>
                  <td>{day(u.requestedAt)}</td>
                  <td>{u.status}</td>
                  <td>{u.validatedBy ? `${u.validatedBy}, ${day(u.validatedAt)}` : <span className="muted">not validated</span>}</td>
                  <td>{u.custody ? `${u.custody.answer} by ${u.custody.by ?? "a former account"}, ${day(u.custody.at)}` : <span className="muted">not answered</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3>Deletions</h3>
        <p data-testid="evidence-deletions">
          <span className="tag ok">on time: {e.deletions.onTime}</span>
          <span className={`tag ${e.deletions.late ? "bad" : ""}`}>late (more than {e.deletions.toleranceMinutes} min): {e.deletions.late}</span>
          <span className={`tag ${e.deletions.overdueNow ? "bad" : ""}`}>overdue right now: {e.deletions.overdueNow}</span>
        </p>
        <h3>Access review (S2)</h3>
        <p>
          Last review: {day(e.accessReview.lastReviewAt)}. {e.accessReview.activeGrants} grant(s) in force reach this site,{" "}
          <span className={e.accessReview.overdueReviews ? "shortfall" : undefined}>{e.accessReview.overdueReviews} past their review date</span>, {e.accessReview.suspended} suspended.
        </p>
        <h3>Consent records</h3>
        <p>{e.consents.given} given, {e.consents.withdrawn} withdrawn (used by an upload); {e.consents.unverified.given + e.consents.unverified.withdrawn} not used by any upload.</p>
      </section>
      {r.shortfalls.length > 0 && (
        <section className="panel" aria-labelledby="shortfalls">
          <h2 id="shortfalls" className="shortfall">Shortfalls</h2>
          <ul>{r.shortfalls.map((s) => <li key={s.message} className="shortfall">{s.measure}: {s.message}</li>)}</ul>
        </section>
      )}
      <section className="panel documents" aria-labelledby="documents">
        <h2 id="documents">Documents for the DPO</h2>
        <p className="muted">
          Filled from this site&apos;s settings and data as of this page; text in [brackets] is for the controller to complete. docs/privacy.md explains each
          document. The same content is in the JSON download (<code>documents</code>).
        </p>
        {r.documents.map((doc) => (
          <article key={doc.id} className="document" aria-labelledby={`doc-${doc.id}`} data-testid={`document-${doc.id}`}>
            <h3 id={`doc-${doc.id}`}>{doc.title}</h3>
            <p className="muted">{doc.intro}</p>
            <table>
              <tbody>
                {doc.rows.map((row) => (
                  <tr key={row.label}>
                    <th scope="row">{row.label}</th>
                    <td>{row.value.length === 1 ? row.value[0] : <ul className="plain-list">{row.value.map((v) => <li key={v}>{v}</li>)}</ul>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </article>
        ))}
      </section>
    </div>
  );
}
