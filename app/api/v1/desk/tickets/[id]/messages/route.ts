// POST /api/v1/desk/tickets/:id/messages – an agent replies to the customer.
import { withPermission } from "@/lib/http/with-permission";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { addMessage, ZMessageInput } from "@/lib/tickets/update-ticket";

export const POST = withPermission<{ id: string }>("ticket:reply", async ({ req, actor, params }) => {
  const { body } = await readJson(req, ZMessageInput);
  return json(await addMessage(actor, params.id, body, "queue"), { status: 201 });
});
