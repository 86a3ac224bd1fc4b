// The input of the ticket routes, desk and customer side (lib/http/input.ts parses it; the
// OpenAPI document describes it). Browser-safe.
import { z } from "zod";
import { isTimeZone, reduceLocale } from "@/lib/i18n/locales";

export const TICKET_STATUSES = ["open", "pending", "closed"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

const ID_MAX = 64;

export const ZMessageInput = z.object({ body: z.string().trim().min(1, "must not be empty").max(5000) });

export const ZQueueTicketPatch = z
  .object({ status: z.enum(TICKET_STATUSES).optional(), assignee: z.enum(["me", "nobody"]).optional() })
  .refine((v) => v.status !== undefined || v.assignee !== undefined, "give a status or an assignee");
export type TQueueTicketPatch = z.infer<typeof ZQueueTicketPatch>;

// A customer opens or closes; "pending" is the desk's.
export const ZOwnTicketPatch = z.object({ status: z.enum(TICKET_STATUSES).exclude(["pending"]) });
export type TOwnTicketPatch = z.infer<typeof ZOwnTicketPatch>;

export const ZOwnTicketInput = z.object({
  siteId: z.string().min(1, "choose the website your request is about").max(ID_MAX),
  subject: z.string().trim().min(3, "must be at least 3 characters").max(200),
  message: z.string().trim().min(1, "must not be empty").max(5000),
});
export type TOwnTicketInput = z.infer<typeof ZOwnTicketInput>;

// The support queue's filters (query string).
export const ZQueueQuery = z.object({
  status: z.enum(TICKET_STATUSES).optional(),
  siteId: z.string().max(ID_MAX).optional(),
  assignee: z.enum(["me", "unassigned"]).optional(),
});
export type TQueueQuery = z.infer<typeof ZQueueQuery>;

export const ZRelatedRecordingLink = z.object({ recordingId: z.string().min(1).max(ID_MAX) });

// The emailed token that confirms a ticket filed under an address is its owner's.
export const ZTicketClaimConfirm = z.object({ token: z.string().min(20).max(100) });

// What the SDK reports of the customer's browser with a ticket, for the account it may create:
// the language as a BCP 47 tag, reduced to one we have (another language becomes null: English),
// and the IANA time zone, kept only if this runtime knows it. Neither ever refuses a ticket.
export const ZBrowserLocale = z
  .string()
  .max(35)
  .regex(/^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*$/, "must be a BCP 47 language tag such as fr-FR")
  .transform(reduceLocale);
export const ZBrowserTimeZone = z
  .string()
  .max(64)
  .transform((zone) => (isTimeZone(zone) ? zone : null));
