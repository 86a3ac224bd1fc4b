import "server-only";
import { db } from "@/lib/db/client";
import { createSite } from "@/lib/sites/create-site";
import { grantRole } from "@/lib/users/grants";

export const DEMO_SITE_NAME = "Demo Shop";
export const DEMO_ACCOUNTS = [
  { email: "admin@demo.test", role: "admin" },
  { email: "supervisor@demo.test", role: "supervisor" },
  { email: "agent@demo.test", role: "agent" },
  { email: "customer@demo.test", role: "customer" },
] as const;

const SEED_ACTOR = { id: null, label: "seed" };

// Seeds only an empty database, so a restart never resurrects deleted demo data.
export async function seedDemoIfEmpty(appUrl: string): Promise<boolean> {
  if ((await db().user.count()) > 0 || (await db().site.count()) > 0) return false;
  const site = await createSite({ name: DEMO_SITE_NAME, origins: [appUrl], by: SEED_ACTOR });
  // New sites have only the ticket trigger; the demo shop shows the manual one ("Report a problem") too.
  // Page paths are shown only for the segments a site lists (none by default): the demo lists its
  // own, as a publisher lists its public paths (docs/sdk.md, "Path segments shown").
  await db().site.update({ where: { id: site.id }, data: { triggers: ["ticket", "manual", "code"], pathSegmentAllowList: "demo\nshop" } });
  for (const account of DEMO_ACCOUNTS) {
    if (account.role === "customer") await db().user.create({ data: { email: account.email } });
    else await grantRole({ email: account.email, role: account.role, by: SEED_ACTOR });
  }
  return true;
}

export async function demoSiteKey(): Promise<string | null> {
  const site = await db().site.findFirst({ where: { name: DEMO_SITE_NAME }, orderBy: { createdAt: "asc" }, select: { publicKey: true } });
  return site?.publicKey ?? null;
}
