// POST /api/v1/me/reveals/:id/delete-recording – the customer deletes at once the recording of a
// request they declined; answers the deletion receipt.
import { ZIdParams } from "@/lib/http/input";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { deleteDeclinedRecording } from "@/lib/reveal/delete-declined-recording";

export const POST = withPermission("ticket:read-own", { params: ZIdParams }, async ({ actor, params }) => json(await deleteDeclinedRecording({ revealId: params.id }, actor)));
