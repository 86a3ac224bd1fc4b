// POST /api/v1/approvals/delete-recording – after declining, the customer deletes the recording
// at once with the same link (token in the body); answers the deletion receipt.
import { json } from "@/lib/http/respond";
import { publicRoute } from "@/lib/http/public-route";
import { deleteDeclinedRecording } from "@/lib/reveal/delete-declined-recording";
import { ZApprovalLink } from "@/lib/reveal/schemas";

export const POST = publicRoute({ name: "approval-decide", limitPerMinute: 20, body: ZApprovalLink }, async ({ viewer, body }) =>
  json(await deleteDeclinedRecording({ token: body.token }, viewer)),
);
