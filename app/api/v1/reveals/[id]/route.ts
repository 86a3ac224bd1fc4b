// GET /api/v1/reveals/:id – a publisher's backend (API token) reads where a reveal request stands.
import { json } from "@/lib/http/respond";
import { ZIdParams } from "@/lib/http/input";
import { withApiToken } from "@/lib/http/with-api-token";
import { revealStatusForSite } from "@/lib/reveal/reveal-status";

export const GET = withApiToken({ params: ZIdParams }, async ({ siteId, params }) => json(await revealStatusForSite(siteId, params.id)));
