// What a rights request names (privacy point 11): a person by email, or by the verified pseudonym
// the publisher's backend computes for them on one site, and why staff act (the request as
// received: "request received by email on 3 December"). Browser-safe: the rights page checks the
// same rules before sending.
import { z } from "zod";

export const MIN_REASON_LENGTH = 10;
export const MAX_REASON_LENGTH = 500;
export const ERASE_CONFIRMATION = "ERASE";
const PSEUDONYM = /^ps_[A-Za-z0-9_-]{22}$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export type SubjectQuery = { by: "email"; email: string } | { by: "pseudonym"; siteId: string; pseudonym: string };

const fields = {
  by: z.enum(["email", "pseudonym"], { error: "must be email or pseudonym" }),
  email: z.string({ error: "must be text" }).trim().max(254, "must be at most 254 characters").optional(),
  siteId: z.string({ error: "must be text" }).trim().max(100, "must be a site id").optional(),
  pseudonym: z.string({ error: "must be text" }).trim().optional(),
  reason: z
    .string({ error: `say how the request was received (${MIN_REASON_LENGTH} to ${MAX_REASON_LENGTH} characters)` })
    .trim()
    .min(MIN_REASON_LENGTH, `say how the request was received, e.g. "request received by email on 3 December" (at least ${MIN_REASON_LENGTH} characters)`)
    .max(MAX_REASON_LENGTH, `must be at most ${MAX_REASON_LENGTH} characters`),
};

type Fields = { by: "email" | "pseudonym"; email?: string; siteId?: string; pseudonym?: string; reason: string };

function checkSubject(r: Fields, ctx: z.RefinementCtx) {
  if (r.by === "email" && !EMAIL.test(r.email ?? "")) ctx.addIssue({ code: "custom", path: ["email"], message: "must be an email address" });
  if (r.by === "pseudonym") {
    if (!r.siteId) ctx.addIssue({ code: "custom", path: ["siteId"], message: "choose the site the pseudonym belongs to" });
    if (!PSEUDONYM.test(r.pseudonym ?? "")) ctx.addIssue({ code: "custom", path: ["pseudonym"], message: "must be a Replaydesk pseudonym: ps_ followed by 22 characters, as the publisher's backend computes it" });
  }
}

const toRequest = (r: Fields) => ({
  reason: r.reason,
  subject: (r.by === "email" ? { by: "email", email: r.email! } : { by: "pseudonym", siteId: r.siteId!, pseudonym: r.pseudonym! }) as SubjectQuery,
});

export const ZRightsRequest = z.object(fields).strict().superRefine(checkSubject).transform(toRequest);

export const ZRightsErasure = z
  .object({ ...fields, confirm: z.literal(ERASE_CONFIRMATION, { error: `type ${ERASE_CONFIRMATION} to confirm the erasure` }) })
  .strict()
  .superRefine(checkSubject)
  .transform(toRequest);

export type TRightsRequest = z.output<typeof ZRightsRequest>;
