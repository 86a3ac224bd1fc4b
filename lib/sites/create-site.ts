import "server-only";
import { db } from "@/lib/db/client";
import { appendAudit } from "@/lib/audit/append";
import { AppError } from "@/lib/errors";
import { randomId } from "@/lib/crypto/tokens";
import type { ActingUser } from "@/lib/users/grants";

// "https://shop.example/path" -> "https://shop.example"; anything that is not http(s) is refused.
export function normalizeOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new AppError("bad_request", `"${value}" is not a URL; give an origin such as https://shop.example.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new AppError("bad_request", `"${value}" must use http:// or https://.`);
  }
  return url.origin;
}

export async function createSite(opts: { name: string; origins: string[]; by: ActingUser }) {
  const name = opts.name.trim();
  if (name.length < 2 || name.length > 100) throw new AppError("bad_request", "The site name must be 2 to 100 characters.");
  if (opts.origins.length === 0) throw new AppError("bad_request", "Give at least one allowed origin.");
  const origins = [...new Set(opts.origins.map(normalizeOrigin))];
  return db().$transaction(async (tx) => {
    const site = await tx.site.create({ data: { name, publicKey: randomId("pk"), allowedOrigins: JSON.stringify(origins) } });
    await appendAudit({ actor: opts.by, action: "site.create", target: { type: "site", id: site.id }, siteId: site.id, details: { name, origins } }, tx);
    return site;
  });
}

export function scriptTag(appUrl: string, publicKey: string): string {
  return `<script src="${new URL("/sdk/replaydesk.js", appUrl).href}" data-site-key="${publicKey}" async></script>`;
}
