// GET /api/v1/desk/recordings/:id/events?scope=masked|unmasked&after=<seq> – the next page of an
// approved recording's events, for the replay viewer (410 once the recording is deleted).
import { z } from "zod";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { loadRecordingPage } from "@/lib/reveal/watch-recording";
import { goneIfDeleted } from "@/lib/retention/deleted-recording";

const ZEventsQuery = z.object({
  scope: z.enum(["masked", "unmasked"]).default("masked"),
  after: z.coerce.number().int().min(-1).default(-1),
});

export const GET = withPermission<{ id: string }>("replay:view", async ({ req, actor, params }) => {
  const query = ZEventsQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  const page = await loadRecordingPage(actor, params.id, query.scope, query.after).catch((err: unknown) => goneIfDeleted(actor, params.id, err));
  // Decrypted recording content must not linger in any cache.
  return json(page, { headers: { "Cache-Control": "no-store" } });
});
