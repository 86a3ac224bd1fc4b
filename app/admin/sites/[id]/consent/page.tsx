import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/policy";
import { deploymentFacts } from "@/lib/compliance/deployment";
import { consentStats } from "@/lib/sites/consent-stats";
import { getSiteFor } from "@/lib/sites/admin-sites";
import { orNotFound } from "../load-site";
import { BannerText } from "./banner-text";
import { triggerKinds } from "@/lib/db/json";

export const metadata: Metadata = { title: "Consent and proof" };

export default async function ConsentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePagePermission("site:configure", `/admin/sites/${id}/consent`);
  const site = await orNotFound(getSiteFor(actor, id));
  const stats = await consentStats(site.id);
  const deployment = deploymentFacts();
  const peak = Math.max(1, ...stats.days.map((d) => Math.max(d.given, d.withdrawn)));
  return (
    <>
      <section className="panel">
        <p><Link href={`/admin/sites/${site.id}`}>← {site.name}</Link></p>
        <h1>Consent and proof</h1>
        <p className="muted">
          The recorder sends a consent record each time a visitor gives or withdraws consent: time, site, purpose, your banner&apos;s version, the choice,
          and the session only as a keyed hash (never its id). Its answer is a proof the recorder sends with every upload: Replaydesk stores nothing for a
          session without consent of its own, and a withdrawal deletes that session&apos;s recording and ends any request to view it.
        </p>
        <p className="muted">
          Anyone holding the public site key could post a record, so a record counts as evidence only once an upload of its session used it (for a
          withdrawal: once the withdrawn session had uploaded). The others are counted apart, as unverified.
        </p>
        {can(actor, "audit:read") && (
          <p><a href={`/api/v1/admin/sites/${site.id}/consent.csv`} data-testid="consent-csv" download>Download every consent record (CSV, for an audit)</a></p>
        )}
      </section>
      <section className="panel" aria-labelledby="banner">
        <h2 id="banner">Text for your consent banner</h2>
        <p className="muted">
          The recommendation&apos;s information for the support purpose, with what the visitor must also be told (recipients, retention, rights, withdrawal),
          generated from this site&apos;s settings; paste it into the banner&apos;s purpose description. It changes when the settings do: paste it again then.
        </p>
        <BannerText
          defaultName={site.name}
          site={{
            maskingMode: site.maskingMode,
            recordingMode: site.recordingMode,
            triggers: triggerKinds(site.triggers),
            bufferMinutes: site.bufferMinutes,
            retentionHours: site.retentionHours,
            closeGraceMinutes: site.closeGraceMinutes,
            unmasksElements: site.unmaskSelectors.trim() !== "",
          }}
          deployment={{ hostedBy: deployment.hostedBy, consentRetentionDays: deployment.retentionDays.consent }}
        />
      </section>
      <section className="panel" aria-labelledby="stats">
        <h2 id="stats">Consent over the last 30 days</h2>
        {stats.totals.given + stats.totals.withdrawn === 0 ? (
          <p role="status">
            No consent used by an upload since {stats.since}. Once the snippet is on the site and visitors answer the banner, their choices are counted here.
            {stats.unverified.given + stats.unverified.withdrawn > 0 && ` (${stats.unverified.given + stats.unverified.withdrawn} record(s) no upload used are not counted.)`}
          </p>
        ) : (
          <>
            <p data-testid="consent-totals"><strong>{stats.totals.given}</strong> given, <strong>{stats.totals.withdrawn}</strong> withdrawn since {stats.since}.</p>
            <p className="muted" data-testid="consent-unverified">Not counted (no upload used them): {stats.unverified.given} given, {stats.unverified.withdrawn} withdrawn.</p>
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
