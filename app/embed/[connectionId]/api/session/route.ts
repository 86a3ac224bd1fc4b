// GET /embed/:connectionId/api/session – who is signed in to this panel (401: nobody).
// POST – signs in with the mailed code; sets the panel's cookie. DELETE – signs out.
import { embedRoute, embedSessionRoute } from "@/lib/embed/route";
import { sessionCookie } from "@/lib/embed/policy";
import { ZEmbedParams, ZEmbedSignIn } from "@/lib/embed/schemas";
import { redeemSignInCode, signOutEmbed } from "@/lib/embed/sign-in";
import { clientKey } from "@/lib/http/rate-limit";
import { json } from "@/lib/http/respond";

export const GET = embedSessionRoute("ticket:read", { params: ZEmbedParams }, async ({ actor }) => json({ email: actor.email }, { headers: { "Cache-Control": "no-store" } }));

export const POST = embedRoute({ params: ZEmbedParams, body: ZEmbedSignIn }, async ({ req, connection, body }) => {
  const session = await redeemSignInCode(connection, body.email, body.code, clientKey(req));
  return json({ email: body.email }, { headers: { "Set-Cookie": sessionCookie(session.token, session.maxAgeSeconds) } });
});

export const DELETE = embedRoute({ params: ZEmbedParams }, async ({ connection, token }) => {
  await signOutEmbed(connection, token);
  return json({ signedOut: true }, { headers: { "Set-Cookie": sessionCookie("", 0) } });
});
