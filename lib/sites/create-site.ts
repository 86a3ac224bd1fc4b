import "server-only";
import { db } from "@/lib/db/client";
import { appendAudit } from "@/lib/audit/append";
import { randomId } from "@/lib/crypto/tokens";
import { invalidInput } from "@/lib/http/respond";
import { ZSiteCreate } from "@/lib/sites/schemas";
import type { ActingUser } from "@/lib/users/grants";
import type { TriggerKind } from "@/lib/replay/protocol";

// Also Site.triggers' schema default; written here too because a SQLite migration cannot change a
// column default in place (existing sites keep what they have).
export const NEW_SITE_TRIGGERS: TriggerKind[] = ["ticket", "code"];

// The same rules as the admin form's (lib/sites/schemas.ts), for the CLI and the seed.
export async function createSite(opts: { name: string; origins: string[]; by: ActingUser }) {
  const parsed = ZSiteCreate.safeParse({ name: opts.name, allowedOrigins: opts.origins });
  if (!parsed.success) throw invalidInput(parsed.error);
  const { name, allowedOrigins: origins } = parsed.data;
  return db().$transaction(async (tx) => {
    const site = await tx.site.create({ data: { name, publicKey: randomId("pk"), allowedOrigins: origins, triggers: NEW_SITE_TRIGGERS } });
    await appendAudit({ actor: opts.by, action: "site.create", target: { type: "site", id: site.id }, siteId: site.id, details: { name, origins } }, tx);
    return site;
  });
}

export function scriptTag(appUrl: string, publicKey: string): string {
  return `<script src="${new URL("/sdk/replaydesk.js", appUrl).href}" data-site-key="${publicKey}" async></script>`;
}
