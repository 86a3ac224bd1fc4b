import "server-only";
import { db } from "@/lib/db/client";
import { stringList } from "@/lib/db/json";

export async function listSites() {
  const sites = await db().site.findMany({ orderBy: { createdAt: "asc" } });
  return sites.map((s) => ({ ...s, allowedOrigins: stringList(s.allowedOrigins, "Site.allowedOrigins") }));
}
