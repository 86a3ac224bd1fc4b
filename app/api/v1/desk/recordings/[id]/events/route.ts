// GET /api/v1/desk/recordings/:id/events?scope=masked|unmasked&after=<seq> – the next page of an
// approved recording's events, for the replay viewer.
import { ZIdParams } from "@/lib/http/input";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { ZRecordingPageQuery } from "@/lib/reveal/schemas";
import { loadRecordingPage } from "@/lib/reveal/watch-recording";

export const GET = withPermission("replay:view", { params: ZIdParams, query: ZRecordingPageQuery }, async ({ actor, params, query }) => {
  const page = await loadRecordingPage(actor, params.id, query.scope, query.after);
  // Decrypted recording content must not linger in any cache.
  return json(page, { headers: { "Cache-Control": "no-store" } });
});
