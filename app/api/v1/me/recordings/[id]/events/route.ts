// GET /api/v1/me/recordings/:id/events?after=<seq> – the next page of one of the customer's own
// recordings (masked), with its list of events, for the replay viewer on their ticket page.
import { z } from "zod";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { loadOwnRecordingPage } from "@/lib/reveal/watch-own-recording";

const ZEventsQuery = z.object({ after: z.coerce.number().int().min(-1).default(-1) });

export const GET = withPermission<{ id: string }>("ticket:read-own", async ({ req, actor, params }) => {
  const query = ZEventsQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  // Decrypted recording content must not linger in any cache.
  return json(await loadOwnRecordingPage(actor, params.id, query.after), { headers: { "Cache-Control": "no-store" } });
});
