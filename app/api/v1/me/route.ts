// GET /api/v1/me – the signed-in account, its roles and permissions.
// PATCH /api/v1/me – the account's language and time zone: body {"locale": "fr", "timeZone": "Europe/Paris"}.
// DELETE /api/v1/me – the customer deletes their account: body {"confirm": "DELETE MY ACCOUNT"}.
import { ZAccountPreferences, ZDeleteAccount } from "@/lib/account/schemas";
import { setAccountPreferences } from "@/lib/account/set-preferences";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { deleteCustomerAccount } from "@/lib/account/customer-rights";

export const GET = withPermission("account:manage-own", async ({ actor }) =>
  json({ email: actor.email, roles: actor.roles, permissions: [...actor.permissions].sort() }),
);

export const PATCH = withPermission("account:manage-own", { body: ZAccountPreferences }, async ({ actor, body }) =>
  json(await setAccountPreferences(actor.userId, body)),
);

// The sign-in sessions are deleted with the account; the cookie is cleared too (both of
// next-auth's names: plain on http://localhost, __Secure- on https).
const CLEAR_SESSION = ["next-auth.session-token", "__Secure-next-auth.session-token"].map(
  (name) => `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${name.startsWith("__Secure-") ? "; Secure" : ""}`,
);

// The body's confirmation (ZDeleteAccount) makes an accidental or replayed request harmless.
export const DELETE = withPermission("account:manage-own", { body: ZDeleteAccount }, async ({ actor }) => {
  const result = await deleteCustomerAccount(actor.userId);
  const headers = new Headers();
  for (const cookie of CLEAR_SESSION) headers.append("Set-Cookie", cookie);
  return json({ deleted: true, ...result }, { headers });
});
