// POST /api/v1/desk/reveals/:id/validate – a supervisor validates an M1 unmask request.
import { ZIdParams } from "@/lib/http/input";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { validateUnmask } from "@/lib/reveal/validate-unmask";

export const POST = withPermission("unmask:approve", { params: ZIdParams }, async ({ actor, params }) => json(await validateUnmask(actor, params.id)));
