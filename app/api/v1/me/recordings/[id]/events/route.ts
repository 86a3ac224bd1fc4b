// GET /api/v1/me/recordings/:id/events?after=<seq> – the next page of one of the customer's own
// recordings (masked), with its list of events, for the replay viewer on their ticket page.
import { ZIdParams } from "@/lib/http/input";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { ZOwnRecordingPageQuery } from "@/lib/reveal/schemas";
import { loadOwnRecordingPage } from "@/lib/reveal/watch-own-recording";

export const GET = withPermission("ticket:read-own", { params: ZIdParams, query: ZOwnRecordingPageQuery }, async ({ actor, params, query }) => {
  // Decrypted recording content must not linger in any cache.
  return json(await loadOwnRecordingPage(actor, params.id, query.after), { headers: { "Cache-Control": "no-store" } });
});
