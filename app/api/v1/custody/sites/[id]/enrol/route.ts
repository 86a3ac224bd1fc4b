// POST /api/v1/custody/sites/:id/enrol – the site's privacy officer becomes its M2 key custodian:
// a new vault key pair sealed under a new secret, returned once (never stored).
import { ZIdParams } from "@/lib/http/input";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { enrolCustody } from "@/lib/sites/vault-keys";

export const POST = withPermission("unmask:custody", { params: ZIdParams }, async ({ actor, params }) =>
  // The secret is in this one response: no cache may keep it.
  json(await enrolCustody(actor, params.id), { status: 201, headers: { "Cache-Control": "no-store" } }),
);
