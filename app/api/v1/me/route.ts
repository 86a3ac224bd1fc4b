// GET /api/v1/me – the signed-in account, its roles and permissions.
// DELETE /api/v1/me – the customer deletes their account: body {"confirm": "DELETE MY ACCOUNT"}.
import { z } from "zod";
import { withPermission } from "@/lib/http/with-permission";
import { json } from "@/lib/http/respond";
import { readJson } from "@/lib/http/body";
import { deleteCustomerAccount } from "@/lib/account/customer-rights";
import { DELETE_CONFIRMATION } from "@/lib/retention/rules";

export const GET = withPermission("account:manage-own", async ({ actor }) =>
  json({ email: actor.email, roles: actor.roles, permissions: [...actor.permissions].sort() }),
);

// The confirmation makes an accidental or replayed request harmless: nothing happens without it.
const ZDeleteAccount = z.object({ confirm: z.literal(DELETE_CONFIRMATION, { message: `must be exactly "${DELETE_CONFIRMATION}"` }) });

// The sign-in sessions are deleted with the account; the cookie is cleared too (both of
// next-auth's names: plain on http://localhost, __Secure- on https).
const CLEAR_SESSION = ["next-auth.session-token", "__Secure-next-auth.session-token"].map(
  (name) => `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${name.startsWith("__Secure-") ? "; Secure" : ""}`,
);

export const DELETE = withPermission("account:manage-own", async ({ req, actor }) => {
  await readJson(req, ZDeleteAccount);
  const result = await deleteCustomerAccount(actor.userId);
  const headers = new Headers();
  for (const cookie of CLEAR_SESSION) headers.append("Set-Cookie", cookie);
  return json({ deleted: true, ...result }, { headers });
});
