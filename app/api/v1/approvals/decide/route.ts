// POST /api/v1/approvals/decide – the customer approves or declines viewing a recording.
import { json } from "@/lib/http/respond";
import { publicRoute } from "@/lib/http/public-route";
import { decideReveal } from "@/lib/reveal/decide-reveal";
import { ZApprovalDecision } from "@/lib/reveal/schemas";

export const POST = publicRoute({ name: "approval-decide", limitPerMinute: 20, body: ZApprovalDecision }, async ({ viewer, body }) =>
  json(await decideReveal(body.token, body.decision, viewer)),
);
