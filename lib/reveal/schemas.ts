// The input of the reveal routes: asking to view, the customer's decision by link, the key
// custodian's answer and the replay viewer's paging (lib/http/input.ts parses it; the OpenAPI
// document describes it). Browser-safe.
import { z } from "zod";

const SCOPES = ["masked", "unmasked"] as const;

export const ZRevealRequestInput = z.object({
  ticketId: z.string().min(1).max(64),
  recordingId: z.string().min(1).max(64),
  scope: z.enum(SCOPES),
  justification: z.string().trim().min(10, "must explain why, in at least 10 characters").max(1000),
});
export type TRevealRequestInput = z.infer<typeof ZRevealRequestInput>;

// An approval link's token, posted back from the page (never in a URL).
export const ZApprovalLink = z.object({ token: z.string().min(20).max(100) });
export const ZApprovalDecision = ZApprovalLink.extend({ decision: z.enum(["approve", "decline"]) });

const CUSTODY_SECRET = "must be the custody secret shown at enrolment";
export const ZCustodyAccept = z.object({ secret: z.string({ error: CUSTODY_SECRET }).min(1, CUSTODY_SECRET).max(200, CUSTODY_SECRET) }).strict();
export const ZCustodyRefuse = z.object({ reason: z.string({ error: "must say why, in at least 10 characters" }).trim().min(10, "must say why, in at least 10 characters").max(1000, "must be at most 1000 characters") }).strict();

// The replay viewer pages through a recording: events after `after` (-1: from the start).
const after = z.coerce.number().int().min(-1).default(-1);
export const ZRecordingPageQuery = z.object({ scope: z.enum(SCOPES).default("masked"), after });
export const ZOwnRecordingPageQuery = z.object({ after });

// A publisher's backend asks on behalf of one of its agents (the ticket is in the path).
export const ZApiRevealRequest = ZRevealRequestInput.omit({ ticketId: true })
  .extend({
    agentEmail: z.email({ error: "must be the email address of the agent who asks" }).max(320),
    scope: z.enum(SCOPES).default("masked"),
  })
  .strict();
