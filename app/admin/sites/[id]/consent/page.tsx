import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { consentStats } from "@/lib/sites/consent-stats";
import { getSiteFor } from "@/lib/sites/admin-sites";
import { orNotFound } from "../load-site";
import { BannerText } from "./banner-text";

export const metadata: Metadata = { title: "Consent and proof" };

export default async function ConsentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePagePermission("site:configure", `/admin/sites/${id}/consent`);
  const site = await orNotFound(getSiteFor(actor, id));
  const stats = await consentStats(site.id);
  const peak = Math.max(1, ...stats.days.map((d) => Math.max(d.given, d.withdrawn)));
  return (
    <>
      <section className="panel">
        <p><Link href={`/admin/sites/${site.id}`}>← {site.name}</Link></p>
        <h1>Consent and proof</h1>
        <p className="muted">
          The recorder sends a consent record each time a visitor gives or withdraws consent (time, site, purpose, your banner&apos;s version; no personal
          data beyond the random session id). These records are the proof of the consent process.
        </p>
      </section>
      <section className="panel" aria-labelledby="banner">
        <h2 id="banner">Text for your consent banner</h2>
        <p className="muted">The recommendation&apos;s information for the support purpose, prefilled with the publisher&apos;s name; paste it into the banner&apos;s purpose description.</p>
        <BannerText defaultName={site.name} site={{ retentionHours: site.retentionHours, recordingMode: site.recordingMode, triggers: JSON.parse(site.triggers) as string[] }} />
      </section>
      <section className="panel" aria-labelledby="stats">
        <h2 id="stats">Consent over the last 30 days</h2>
        {stats.totals.given + stats.totals.withdrawn === 0 ? (
          <p role="status">No consent recorded since {stats.since}. Once the snippet is on the site and visitors answer the banner, their choices are counted here.</p>
        ) : (
          <>
            <p data-testid="consent-totals"><strong>{stats.totals.given}</strong> given, <strong>{stats.totals.withdrawn}</strong> withdrawn since {stats.since}.</p>
            <div className="table-wrap">
              <table>
                <thead><tr><th scope="col">Day (UTC)</th><th scope="col">Given</th><th scope="col">Withdrawn</th></tr></thead>
                <tbody>
                  {stats.days.filter((d) => d.given + d.withdrawn > 0).map((d) => (
                    <tr key={d.day}>
                      <td>{d.day}</td>
                      <td><span className="bar" style={{ width: `${(d.given / peak) * 120}px` }} /> {d.given}</td>
                      <td><span className="bar withdrawn" style={{ width: `${(d.withdrawn / peak) * 120}px` }} /> {d.withdrawn}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h3>By banner version</h3>
            <table>
              <thead><tr><th scope="col">Banner version</th><th scope="col">Given</th><th scope="col">Withdrawn</th></tr></thead>
              <tbody>
                {stats.banners.map((b) => (
                  <tr key={b.version ?? ""}><td>{b.version ?? <span className="muted">not given by the site</span>}</td><td>{b.given}</td><td>{b.withdrawn}</td></tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
    </>
  );
}
