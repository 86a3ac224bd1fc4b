import "server-only";
import { db } from "@/lib/db/client";

export async function listSites() {
  const sites = await db().site.findMany({ orderBy: { createdAt: "asc" } });
  return sites.map((s) => ({ ...s, allowedOrigins: JSON.parse(s.allowedOrigins) as string[] }));
}
