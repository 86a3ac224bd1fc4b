// GET /embed/:connectionId/api/recordings/:id/events?scope=&after= – the replay viewer's pages,
// for an approved recording of a ticket this connection linked.
import { embedSessionRoute } from "@/lib/embed/route";
import { ZEmbedIdParams } from "@/lib/embed/schemas";
import { assertRecordingLinked } from "@/lib/embed/tickets";
import { json } from "@/lib/http/respond";
import { ZRecordingPageQuery } from "@/lib/reveal/schemas";
import { loadRecordingPage } from "@/lib/reveal/watch-recording";

export const GET = embedSessionRoute("replay:view", { params: ZEmbedIdParams, query: ZRecordingPageQuery }, async ({ actor, connection, params, query }) => {
  await assertRecordingLinked(connection, params.id);
  // Decrypted recording content must not linger in any cache.
  return json(await loadRecordingPage(actor, params.id, query.scope, query.after), { headers: { "Cache-Control": "no-store" } });
});
