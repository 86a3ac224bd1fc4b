import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/policy";
import { coversSite } from "@/lib/auth/scope";
import { env } from "@/lib/config/env";
import { getSiteFor } from "@/lib/sites/admin-sites";
import { scriptTag } from "@/lib/sites/create-site";
import { settingsOf } from "@/lib/sites/schemas";
import { custodyOfSite } from "@/lib/sites/custody";
import { keyFingerprint } from "@/lib/sites/vault-keys";
import { storageUsage } from "@/lib/sites/storage-limits";
import { CopyButton } from "../../copy-button";
import { ApiTokens } from "./api-tokens";
import { PseudonymSecret, VaultKeys } from "./key-actions";
import { orNotFound } from "./load-site";
import { SettingsForm } from "./settings-form";
import { StorageLimits } from "./storage-limits";
import { Webhooks } from "./webhooks";
import { listWebhookEndpoints } from "@/lib/webhooks/endpoints";
import { HelpdeskConnections } from "./helpdesk-connections";
import { listSiteConnections, NOTE_KINDS } from "@/lib/helpdesk/connections";
import { HELPDESK_KINDS } from "@/lib/helpdesk/verify";

export const metadata: Metadata = { title: "Site settings" };

export default async function SitePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePagePermission("site:configure", `/admin/sites/${id}`);
  const site = await orNotFound(getSiteFor(actor, id));
  const usage = await storageUsage(actor, site.id);
  const snippet = scriptTag(env().APP_URL, site.publicKey);
  const custody = await custodyOfSite(site.id);
  const webhooks = coversSite(actor, "webhooks:manage", site.id) ? await listWebhookEndpoints(actor, site.id) : null;
  const connections = coversSite(actor, "helpdesk:manage", site.id) ? await listSiteConnections(actor, site.id) : null;
  const keys = site.vaultKeys.map((k) => ({ id: k.id, fingerprint: keyFingerprint(k.publicKey), createdAt: k.createdAt.toISOString(), retiredAt: k.retiredAt?.toISOString() ?? null }));
  return (
    <>
      <section className="panel">
        <p><Link href="/admin/sites">← All sites</Link></p>
        <h1>{site.name}</h1>
        <p className="row">
          <Link href={`/admin/sites/${site.id}/consent`}>Consent and banner text</Link>
          {can(actor, "audit:read") && <Link href={`/admin/sites/${site.id}/compliance`}>Compliance record</Link>}
        </p>
      </section>
      <section className="panel" aria-labelledby="embed">
        <h2 id="embed">Embed the recorder</h2>
        <p>Site key: <code data-testid="site-key">{site.publicKey}</code></p>
        <p>Paste this into every page of the site, after your consent banner:</p>
        <pre data-testid="sdk-snippet">{snippet}</pre>
        <CopyButton text={snippet} label="Copy the SDK snippet" />
        <p className="hint">The recorder starts only after the visitor consents, and fetches these settings then: a change below applies to sessions that start afterwards.</p>
      </section>
      <SettingsForm siteId={site.id} initial={settingsOf(site)} hasVaultKey={keys.some((k) => k.retiredAt === null)} custody={custody.state} />
      <VaultKeys siteId={site.id} keys={keys} maskingMode={site.maskingMode} custody={{ state: custody.state, custodian: custody.custodian }} />
      <PseudonymSecret siteId={site.id} siteKey={site.publicKey} createdAt={site.pseudonymSecretAt?.toISOString() ?? null} version={site.pseudonymKeyVersion} />
      <StorageLimits siteId={site.id} usage={usage} />
      <ApiTokens siteId={site.id} tokens={site.apiTokens.map((t) => ({ id: t.id, name: t.name, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, revokedAt: t.revokedAt?.toISOString() ?? null }))} />
      {webhooks && <Webhooks siteId={site.id} endpoints={webhooks} />}
      {connections && <HelpdeskConnections siteId={site.id} kinds={HELPDESK_KINDS} noteKinds={NOTE_KINDS} connections={connections} />}
    </>
  );
}
