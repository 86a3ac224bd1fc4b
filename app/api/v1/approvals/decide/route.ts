// POST /api/v1/approvals/decide – the customer approves or declines viewing a recording.
import { z } from "zod";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { publicRoute } from "@/lib/http/public-route";
import { decideReveal } from "@/lib/reveal/decide-reveal";

const ZDecision = z.object({ token: z.string().min(20).max(100), decision: z.enum(["approve", "decline"]) });

export const POST = publicRoute("approval-decide", 20, async ({ req, viewer }) => {
  const { token, decision } = await readJson(req, ZDecision);
  return json(await decideReveal(token, decision, viewer));
});
