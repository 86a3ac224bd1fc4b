// PATCH /api/v1/admin/users/[id] – deactivate (ending their sessions at once) or reactivate an account.
import { z } from "zod";
import { withPermission } from "@/lib/http/with-permission";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { setUserActive } from "@/lib/users/deactivate";
import { staffManager } from "@/lib/users/manager";

const Body = z.object({ active: z.boolean({ error: "must be true or false" }) }).strict();

export const PATCH = withPermission<{ id: string }>("user:manage", async ({ req, actor, params }) => {
  const by = staffManager(actor);
  const { active } = await readJson(req, Body);
  return json(await setUserActive(by, params.id, active));
});
