// POST /api/v1/desk/reveals – an agent asks the customer, by email, to approve viewing a recording.
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { requestReveal } from "@/lib/reveal/request-reveal";
import { ZRevealRequestInput } from "@/lib/reveal/schemas";

export const POST = withPermission("replay:request", { body: ZRevealRequestInput }, async ({ actor, body }) =>
  json(await requestReveal(actor, body), { status: 201 }),
);
