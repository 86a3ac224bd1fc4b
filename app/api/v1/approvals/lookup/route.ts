// POST /api/v1/approvals/lookup – what an approval link is about (changes nothing). The token comes
// in the body, never in a URL.
import { z } from "zod";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { publicRoute } from "@/lib/http/public-route";
import { lookupReveal } from "@/lib/reveal/decide-reveal";

const ZLookup = z.object({ token: z.string().min(20).max(100) });

export const POST = publicRoute("approval-lookup", 30, async ({ req, viewer }) => {
  const { token } = await readJson(req, ZLookup);
  return json(await lookupReveal(token, viewer));
});
