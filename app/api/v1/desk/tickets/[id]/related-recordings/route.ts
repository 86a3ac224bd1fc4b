// GET /api/v1/desk/tickets/:id/related-recordings – other recordings of the same pseudonymous user
// on the ticket's site (metadata only).
// POST /api/v1/desk/tickets/:id/related-recordings – link one of them to the ticket.
import { ZIdParams } from "@/lib/http/input";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { linkRelatedRecording, listRelatedRecordings } from "@/lib/tickets/related-recordings";
import { ZRelatedRecordingLink } from "@/lib/tickets/schemas";

export const GET = withPermission("ticket:read", { params: ZIdParams }, async ({ actor, params }) => json(await listRelatedRecordings(actor, params.id)));

export const POST = withPermission("ticket:reply", { params: ZIdParams, body: ZRelatedRecordingLink }, async ({ actor, params, body }) =>
  json(await linkRelatedRecording(actor, params.id, body.recordingId), { status: 201 }),
);
