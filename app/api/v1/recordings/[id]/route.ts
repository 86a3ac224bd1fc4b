// DELETE /api/v1/recordings/[id] – the customer deletes one of their recordings at once (one
// linked to their own ticket); for anyone else it does not exist (404).
import { ZIdParams } from "@/lib/http/input";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { deleteRecordingForCustomer } from "@/lib/account/customer-rights";

export const DELETE = withPermission("ticket:read-own", { params: ZIdParams }, async ({ actor, params }) => {
  await deleteRecordingForCustomer(actor.userId, params.id);
  return json({ deleted: true });
});
