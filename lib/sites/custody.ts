import "server-only";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { isGrantActive } from "@/lib/auth/policy";
import { siteWhere } from "@/lib/auth/scope";
import { isCustodial } from "@/lib/crypto/vault-custody";
import type { CustodyState } from "@/lib/sites/schemas";

// Privacy point 6: who holds each site's M2 key custody. A site's custody is "enrolled" when its
// active vault key is sealed under a custodian's secret (vc1) and that person still holds an
// active privacy-officer grant on the site (account not deactivated); "orphaned" when they no
// longer do; "none" otherwise.

export type SiteCustody = { state: CustodyState; custodianId: string | null; custodian: string | null; since: Date | null };

export async function custodyOfSites(siteIds: readonly string[], now = new Date()): Promise<Map<string, SiteCustody>> {
  const keys = await db().vaultKey.findMany({ where: { siteId: { in: [...siteIds] }, retiredAt: null }, select: { id: true, siteId: true, privateKeyWrapped: true, custodianId: true, createdAt: true } });
  const custodial = keys.filter((k) => isCustodial(k.privateKeyWrapped) && k.custodianId);
  const people = await db().user.findMany({
    where: { id: { in: custodial.map((k) => k.custodianId!) }, deactivatedAt: null },
    select: { id: true, email: true, grants: { where: { role: "privacy-officer" } } },
  });
  const out = new Map<string, SiteCustody>(siteIds.map((id) => [id, { state: "none", custodianId: null, custodian: null, since: null }]));
  for (const k of keys.filter((key) => isCustodial(key.privateKeyWrapped))) {
    const person = people.find((p) => p.id === k.custodianId);
    const holdsRole = !!person?.grants.some((g) => isGrantActive(g, now) && (g.siteId === null || g.siteId === k.siteId));
    out.set(k.siteId, { state: holdsRole ? "enrolled" : "orphaned", custodianId: k.custodianId, custodian: person?.email ?? null, since: k.createdAt });
  }
  return out;
}

export async function custodyOfSite(siteId: string, now = new Date()): Promise<SiteCustody> {
  return (await custodyOfSites([siteId], now)).get(siteId)!;
}

// The custodian's page: the sites they are privacy officer of, each with its mode and custody.
export async function custodySitesFor(actor: Actor, now = new Date()) {
  const sites = await db().site.findMany({ where: siteWhere(actor, "unmask:custody"), orderBy: { name: "asc" }, select: { id: true, name: true, maskingMode: true } });
  const custody = await custodyOfSites(sites.map((s) => s.id), now);
  return sites.map((s) => {
    const c = custody.get(s.id)!;
    return { id: s.id, name: s.name, maskingMode: s.maskingMode, custody: c.state, custodian: c.custodian, mine: c.custodianId === actor.userId, since: c.since?.toISOString() ?? null };
  });
}
