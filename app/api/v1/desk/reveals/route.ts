// POST /api/v1/desk/reveals – an agent asks the customer, by email, to approve viewing a recording.
import { withPermission } from "@/lib/http/with-permission";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { requestReveal, ZRevealRequestInput } from "@/lib/reveal/request-reveal";

export const POST = withPermission("replay:request", async ({ req, actor }) =>
  json(await requestReveal(actor, await readJson(req, ZRevealRequestInput)), { status: 201 }),
);
