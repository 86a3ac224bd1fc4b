import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { siteWhere } from "@/lib/auth/scope";
import { settingsShortfalls } from "@/lib/compliance/shortfalls";
import { custodyOfSites } from "@/lib/sites/custody";
import { stringList, triggerKinds } from "@/lib/db/json";

// The sites an admin may configure, with what the list shows at a glance.
export async function listSitesFor(actor: Actor) {
  const sites = await db().site.findMany({
    where: siteWhere(actor, "site:configure"),
    orderBy: { createdAt: "asc" },
    include: { vaultKeys: { where: { retiredAt: null }, select: { id: true } } },
  });
  const custody = await custodyOfSites(sites.map((s) => s.id));
  return sites.map((s) => ({
    id: s.id,
    name: s.name,
    publicKey: s.publicKey,
    maskingMode: s.maskingMode,
    recordingMode: s.recordingMode,
    retentionHours: s.retentionHours,
    origins: stringList(s.allowedOrigins, "Site.allowedOrigins"),
    shortfalls: settingsShortfalls({ ...s, triggers: triggerKinds(s.triggers), hasVaultKey: s.vaultKeys.length > 0, custody: custody.get(s.id)!.state }).length,
  }));
}

// One site with its keys and tokens (never a private key or a token hash).
export async function getSiteFor(actor: Actor, siteId: string) {
  const site = await db().site.findFirst({
    where: { AND: [{ id: siteId }, siteWhere(actor, "site:configure")] },
    include: {
      vaultKeys: { orderBy: { createdAt: "desc" }, select: { id: true, publicKey: true, createdAt: true, retiredAt: true } },
      apiTokens: { orderBy: { createdAt: "desc" }, select: { id: true, name: true, createdAt: true, lastUsedAt: true, revokedAt: true } },
    },
  });
  if (!site) throw new AppError("not_found", "No such site.");
  return site;
}

// For updates: the site row if the actor may configure it.
export async function requireSiteFor(actor: Actor, siteId: string) {
  const site = await db().site.findFirst({ where: { AND: [{ id: siteId }, siteWhere(actor, "site:configure")] } });
  if (!site) throw new AppError("not_found", "No such site.");
  return site;
}
