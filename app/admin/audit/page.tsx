import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { auditActions, queryAudit } from "@/lib/audit/query";
import { filterFromSearchParams, type TAuditFilter } from "@/lib/audit/schemas";
import { verifyAuditChain } from "@/lib/audit/verify";
import { describeZodError } from "@/lib/http/respond";
import { listSitesFor } from "@/lib/sites/admin-sites";

export const metadata: Metadata = { title: "Audit log" };

type Search = Record<string, string | string[] | undefined>;

function query(f: TAuditFilter, page?: number): string {
  const params = new URLSearchParams();
  for (const k of ["actor", "action", "site", "from", "to"] as const) if (f[k]) params.set(k, f[k]);
  if (page && page > 1) params.set("page", String(page));
  const s = params.toString();
  return s ? `?${s}` : "";
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePagePermission("audit:read", "/admin/audit");
  const parsed = filterFromSearchParams(await searchParams);
  const filter: TAuditFilter = parsed.success ? parsed.data : {};
  const [result, actions, sites, chain] = await Promise.all([queryAudit(actor, filter), auditActions(), listSitesFor(actor), verifyAuditChain()]);
  const siteName = new Map(sites.map((s) => [s.id, s.name]));
  return (
    <>
      <section className="panel">
        <h1>Audit log</h1>
        <p className="muted">Append-only: every grant, review, settings change, reveal request, view and deletion. Each entry hashes the previous one, so an edited, removed or reordered entry breaks the chain.</p>
        {chain.firstBreak ? (
          <p className="notice error" role="alert" data-testid="chain-status">
            Chain broken at entry #{chain.firstBreak.seq}: {chain.firstBreak.reason}. Entries before it ({chain.checked}) are intact.
          </p>
        ) : (
          <p className="notice" role="status" data-testid="chain-status"><span className="ok">Chain intact</span>: {chain.checked} entries checked.</p>
        )}
      </section>
      <section className="panel" aria-labelledby="filters">
        <h2 id="filters">Filters</h2>
        <form method="get" action="/admin/audit">
          <div className="form-grid">
            <div className="field">
              <label htmlFor="f-actor">Actor (email, or cli / sweeper / seed)</label>
              <input id="f-actor" name="actor" defaultValue={filter.actor ?? ""} />
            </div>
            <div className="field">
              <label htmlFor="f-action">Action</label>
              <select id="f-action" name="action" defaultValue={filter.action ?? ""}>
                <option value="">Any action</option>
                {actions.map((a) => <option key={a} value={a}>{a}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor="f-site">Site</label>
              <select id="f-site" name="site" defaultValue={filter.site ?? ""}>
                <option value="">Any site</option>
                {sites.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor="f-from">From (UTC day)</label>
              <input id="f-from" name="from" type="date" defaultValue={filter.from ?? ""} />
            </div>
            <div className="field">
              <label htmlFor="f-to">To (UTC day, included)</label>
              <input id="f-to" name="to" type="date" defaultValue={filter.to ?? ""} />
            </div>
          </div>
          {!parsed.success && <p className="notice error" role="alert">Filters ignored: {describeZodError(parsed.error)}</p>}
          <div className="row">
            <button type="submit">Filter</button>
            <Link className="button secondary" href="/admin/audit">Clear</Link>
            <a className="button secondary" href={`/api/v1/admin/audit.csv${query(filter)}`} download>Export CSV</a>
          </div>
        </form>
      </section>
      <section className="panel" aria-labelledby="entries">
        <h2 id="entries">Entries</h2>
        {result.total === 0 ? (
          <p role="status">No entry matches these filters.</p>
        ) : (
          <>
            <p className="muted">{result.total} entr{result.total === 1 ? "y" : "ies"}, newest first.</p>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr><th scope="col">#</th><th scope="col">When (UTC)</th><th scope="col">Actor</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Site</th><th scope="col">Details</th></tr>
                </thead>
                <tbody>
                  {result.entries.map((e) => (
                    <tr key={e.seq}>
                      <td>{e.seq}</td>
                      <td><time dateTime={e.at.toISOString()}>{e.at.toISOString().replace("T", " ").slice(0, 19)}</time></td>
                      <td>{e.actorLabel}</td>
                      <td><code>{e.action}</code></td>
                      <td>{e.targetType}{e.targetId ? <div className="hint"><code>{e.targetId}</code></div> : null}</td>
                      <td>{e.siteId ? (siteName.get(e.siteId) ?? <code>{e.siteId}</code>) : <span className="muted">—</span>}</td>
                      <td className="details">{e.justification && <div>Justification: {e.justification}</div>}<code>{e.details}</code></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <nav className="pager" aria-label="Pages">
              {result.page > 1 ? <Link href={`/admin/audit${query(filter, result.page - 1)}`}>← Newer</Link> : <span className="muted">← Newer</span>}
              <span>Page {result.page} of {result.pages}</span>
              {result.page < result.pages ? <Link href={`/admin/audit${query(filter, result.page + 1)}`}>Older →</Link> : <span className="muted">Older →</span>}
            </nav>
          </>
        )}
      </section>
    </>
  );
}
