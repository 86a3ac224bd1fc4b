import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { coversAllSites } from "@/lib/auth/scope";
import { listSitesFor } from "@/lib/sites/admin-sites";
import { CreateSiteForm } from "./create-site-form";

export const metadata: Metadata = { title: "Sites" };

export default async function SitesPage() {
  const actor = await requirePagePermission("site:configure", "/admin/sites");
  const sites = await listSitesFor(actor);
  return (
    <>
      <section className="panel" aria-labelledby="sites">
        <h1 id="sites">Sites</h1>
        <p className="muted">Each publisher site embeds the recorder with its own key. New sites start with the most protective settings: buffer mode, everything masked, M3, 4 hours of retention.</p>
        {sites.length === 0 ? (
          <p role="status">No site yet: create one below, then paste its snippet into the site&apos;s pages.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr><th scope="col">Site</th><th scope="col">Origins</th><th scope="col">Settings</th><th scope="col">Against the recommendation</th></tr>
              </thead>
              <tbody>
                {sites.map((s) => (
                  <tr key={s.id}>
                    <td><Link href={`/admin/sites/${s.id}`}>{s.name}</Link><div className="hint"><code>{s.publicKey}</code></div></td>
                    <td>{s.origins.map((o) => <div key={o}><code>{o}</code></div>)}</td>
                    <td><span className="tag">{s.maskingMode}</span><span className="tag">{s.recordingMode}</span><span className="tag">{s.retentionHours} h</span></td>
                    <td>{s.shortfalls ? <span className="tag bad">{s.shortfalls} shortfall{s.shortfalls > 1 ? "s" : ""}</span> : <span className="tag ok">as recommended</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {coversAllSites(actor, "site:configure") && (
        <section className="panel" aria-labelledby="create">
          <h2 id="create">Create a site</h2>
          <CreateSiteForm />
        </section>
      )}
    </>
  );
}
