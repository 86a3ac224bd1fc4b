// GET /demo/shop – "Demo Shop", a fake publisher page that embeds the recorder SDK like a
// third-party site would (?siteKey=pk_... or DEMO_SITE_KEY picks the site).
import { SITE_KEY_PATTERN } from "@/lib/replay/protocol";
import { DEMO_SHOP_CSP, renderDemoShop } from "@/lib/recorder/demo/shop-page";

export const dynamic = "force-dynamic";

export function GET(request: Request): Response {
  const fromQuery = new URL(request.url).searchParams.get("siteKey");
  const candidate = fromQuery ?? process.env.DEMO_SITE_KEY ?? null;
  // Only a well-formed key is reflected into the page (and it is HTML-escaped as well).
  const siteKey = candidate && SITE_KEY_PATTERN.test(candidate) ? candidate : null;
  return new Response(renderDemoShop({ siteKey }), {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": DEMO_SHOP_CSP,
      "Cache-Control": "no-store",
    },
  });
}
