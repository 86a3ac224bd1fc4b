// GET /api/v1/desk/tickets/:id/related-recordings – other recordings of the same pseudonymous user
// on the ticket's site (metadata only).
// POST /api/v1/desk/tickets/:id/related-recordings – link one of them to the ticket.
import { z } from "zod";
import { withPermission } from "@/lib/http/with-permission";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { linkRelatedRecording, listRelatedRecordings } from "@/lib/tickets/related-recordings";

const ZLink = z.object({ recordingId: z.string().min(1).max(64) });

export const GET = withPermission<{ id: string }>("ticket:read", async ({ actor, params }) => json(await listRelatedRecordings(actor, params.id)));

export const POST = withPermission<{ id: string }>("ticket:reply", async ({ req, actor, params }) => {
  const { recordingId } = await readJson(req, ZLink);
  return json(await linkRelatedRecording(actor, params.id, recordingId), { status: 201 });
});
