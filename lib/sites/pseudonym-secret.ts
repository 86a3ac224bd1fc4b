import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { appendAudit } from "@/lib/audit/append";
import type { Actor } from "@/lib/auth/actor";
import { newPseudonymSecret, parsePseudonymSecret } from "@/lib/crypto/pseudonym";
import { openWithMaster, parseMasterKey, sealWithMaster } from "@/lib/crypto/envelope";
import { requireSiteFor } from "@/lib/sites/admin-sites";
import { auditActor } from "@/lib/auth/scope";

// The AAD namespace of a site's sealed signing secret: a secret sealed for one site does not open
// as another site's.
function secretPurpose(siteId: string): string {
  return `pseudonym-signing-secret:${siteId}`;
}

// Security M1: the secret the publisher's backend signs pseudonyms with (lib/crypto/pseudonym.ts).
// Returned in clear this once; stored only sealed under MASTER_KEY, since checking a signature
// needs the secret itself (a hash would not do). Each new secret also moves the site to a new
// pseudonym key version, so recordings made afterwards never link to earlier ones: rotating
// unlinks, whatever pseudonym values the publisher keeps sending.
export async function rotatePseudonymSecret(actor: Actor, siteId: string, now = new Date()) {
  const site = await requireSiteFor(actor, siteId);
  const secret = newPseudonymSecret();
  const sealed = sealWithMaster(parseMasterKey(env().MASTER_KEY), new TextEncoder().encode(secret), secretPurpose(site.id));
  return db().$transaction(async (tx) => {
    const updated = await tx.site.update({
      where: { id: site.id },
      data: { pseudonymSecretSealed: sealed, pseudonymSecretAt: now, pseudonymKeyVersion: { increment: 1 }, updatedAt: now },
      select: { pseudonymKeyVersion: true },
    });
    await appendAudit(
      {
        actor: auditActor(actor),
        action: site.pseudonymSecretAt ? "site.pseudonym-secret.rotate" : "site.pseudonym-secret.generate",
        target: { type: "site", id: site.id },
        siteId: site.id,
        details: { version: updated.pseudonymKeyVersion },
        at: now,
      },
      tx,
    );
    return { secret, version: updated.pseudonymKeyVersion, createdAt: now };
  });
}

// For ingest: the site's signing key, or null when the site has none (then no pseudonym verifies).
export function openPseudonymSecret(site: { id: string; pseudonymSecretSealed: string | null }): Buffer | null {
  if (!site.pseudonymSecretSealed) return null;
  const secret = Buffer.from(openWithMaster(parseMasterKey(env().MASTER_KEY), site.pseudonymSecretSealed, secretPurpose(site.id))).toString("utf8");
  return parsePseudonymSecret(secret);
}
