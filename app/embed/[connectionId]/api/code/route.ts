// POST /embed/:connectionId/api/code – mails a sign-in code to an agent who may use this panel
// (the same answer for any address).
import { embedRoute } from "@/lib/embed/route";
import { ZEmbedCodeRequest, ZEmbedParams } from "@/lib/embed/schemas";
import { requestSignInCode } from "@/lib/embed/sign-in";
import { clientKey } from "@/lib/http/rate-limit";
import { json } from "@/lib/http/respond";

export const POST = embedRoute({ params: ZEmbedParams, body: ZEmbedCodeRequest }, async ({ req, connection, body }) =>
  json(await requestSignInCode(connection, body.email, clientKey(req)), { status: 202 }),
);
