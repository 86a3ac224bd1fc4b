// POST /api/v1/approvals/lookup – what an approval link is about (changes nothing). The token comes
// in the body, never in a URL. Its sentences come in the page's language.
import { json } from "@/lib/http/respond";
import { publicRoute } from "@/lib/http/public-route";
import { routeLocale } from "@/lib/i18n/server";
import { lookupReveal } from "@/lib/reveal/decide-reveal";
import { ZApprovalLink } from "@/lib/reveal/schemas";

export const POST = publicRoute({ name: "approval-lookup", limitPerMinute: 30, body: ZApprovalLink }, async ({ req, viewer, body }) =>
  json(await lookupReveal(body.token, viewer, new Date(), await routeLocale(req, viewer))),
);
