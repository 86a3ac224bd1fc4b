// POST /api/v1/me/reveals/:id/withdraw – the customer withdraws an approval; access stops at once.
import { ZIdParams } from "@/lib/http/input";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { withdrawReveal } from "@/lib/reveal/decide-reveal";

export const POST = withPermission("ticket:read-own", { params: ZIdParams }, async ({ actor, params }) => json(await withdrawReveal(actor, params.id)));
