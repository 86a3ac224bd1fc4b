// POST /api/v1/approvals/delete-recording – after declining, the customer deletes the recording
// at once with the same link (token in the body); answers the deletion receipt.
import { z } from "zod";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { publicRoute } from "@/lib/http/public-route";
import { deleteDeclinedRecording } from "@/lib/reveal/delete-declined-recording";

const ZDeleteAfterDecline = z.object({ token: z.string().min(20).max(100) });

export const POST = publicRoute("approval-decide", 20, async ({ req, viewer }) => {
  const { token } = await readJson(req, ZDeleteAfterDecline);
  return json(await deleteDeclinedRecording({ token }, viewer));
});
