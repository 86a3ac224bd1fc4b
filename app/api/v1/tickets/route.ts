// POST /api/v1/tickets – open a support ticket for a publisher's site: from its pages through the
// SDK (site key + Origin; linked to the current recorded session), or from its backend with an
// API token (Authorization: Bearer rdt_…).
import { json } from "@/lib/http/respond";
import { withApiToken } from "@/lib/http/with-api-token";
import { ZApiTicketBody, ZSdkTicketBody } from "@/lib/ingest/schemas";
import { sdkPreflight, sdkRoute } from "@/lib/ingest/sdk-route";
import { requireSiteForOrigin } from "@/lib/ingest/site-request";
import { createTicketFromSdk } from "@/lib/tickets/create-ticket";

const MAX_TICKET_BYTES = 16 * 1024;

const fromPage = sdkRoute({ name: "tickets", limitPerMinute: 10, body: ZSdkTicketBody, maxBodyBytes: { compressed: MAX_TICKET_BYTES, decompressed: MAX_TICKET_BYTES } }, async ({ origin, body }) => {
  const site = await requireSiteForOrigin(body.siteKey, origin);
  return { status: 201, body: await createTicketFromSdk(site, body) };
});

const fromBackend = withApiToken({ body: ZApiTicketBody, maxBodyBytes: MAX_TICKET_BYTES }, async ({ siteId, body }) => json(await createTicketFromSdk({ id: siteId }, body), { status: 201 }));

export async function POST(req: Request, ctx: { params: Promise<Record<string, never>> }) {
  return req.headers.has("authorization") ? fromBackend(req, ctx) : fromPage(req);
}

export const OPTIONS = sdkPreflight;
