import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { SITE_KEY_PATTERN } from "@/lib/replay/protocol";
import { stringList } from "@/lib/db/json";

export type PublicSite = NonNullable<Awaited<ReturnType<typeof findSite>>>;

// With the sealed signing secret: ingest checks the signature of a pseudonym (lib/ingest/user-link.ts).
function findSite(publicKey: string) {
  return db().site.findUnique({ where: { publicKey }, omit: { pseudonymSecretSealed: false }, include: { vaultKeys: { where: { retiredAt: null }, take: 1, select: { id: true, publicKey: true } } } });
}

// The page's origin: browsers send Origin on every cross-origin request and on same-origin POSTs;
// a same-origin GET (our own /demo/shop) only says Sec-Fetch-Site: same-origin.
export function requestOrigin(req: Request): string | null {
  const origin = req.headers.get("origin");
  if (origin && origin !== "null") return origin;
  return req.headers.get("sec-fetch-site") === "same-origin" ? new URL(env().APP_URL).origin : null;
}

export function corsHeaders(origin: string | null): HeadersInit {
  return origin ? { "Access-Control-Allow-Origin": origin, Vary: "Origin" } : { Vary: "Origin" };
}

// An SDK request must name a known site and come from one of that site's allowed origins.
export async function requireSiteForOrigin(siteKey: unknown, origin: string | null): Promise<PublicSite> {
  if (typeof siteKey !== "string" || !SITE_KEY_PATTERN.test(siteKey)) throw new AppError("bad_request", "siteKey is missing or malformed (expected pk_...).");
  const site = await findSite(siteKey);
  if (!site) throw new AppError("not_found", "Unknown site key.");
  if (!origin) throw new AppError("forbidden", "The request has no Origin header.");
  const allowed = stringList(site.allowedOrigins, "Site.allowedOrigins");
  if (!allowed.includes(origin)) throw new AppError("forbidden", `Origin ${origin} is not allowed for this site.`);
  return site;
}

export function preflight(req: Request): Response {
  const origin = req.headers.get("origin");
  return new Response(null, {
    status: 204,
    headers: {
      ...corsHeaders(origin),
      "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
      "Access-Control-Allow-Headers": "Content-Type",
      "Access-Control-Max-Age": "600",
    },
  });
}
