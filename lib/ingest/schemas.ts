import "server-only";
import { z } from "zod";
import {
  MAX_BANNER_VERSION_LENGTH, MAX_EVENT_TIMESTAMP, MAX_EVENTS_PER_BATCH, MAX_PAGE_URL_LENGTH, MAX_TICKET_EMAIL_LENGTH, MAX_TICKET_MESSAGE_LENGTH,
  MAX_TICKET_SUBJECT_LENGTH, MAX_TRIGGER_REASON_LENGTH, MAX_USER_REF_LENGTH, SESSION_ID_PATTERN, SITE_KEY_PATTERN,
  CONSENT_PROOF_PATTERN, TRIGGER_KINDS,
} from "@/lib/replay/protocol";
import { ZBrowserLocale, ZBrowserTimeZone } from "@/lib/tickets/schemas";

// Zod schemas of the SDK wire protocol, built from lib/replay/protocol.ts so they cannot drift.
const siteKey = z.string().regex(SITE_KEY_PATTERN, "must be a site key (pk_...)");
const sessionId = z.string().regex(SESSION_ID_PATTERN, "must be a session id (s_ + 22 base64url characters)");

export const ZReplayEvent = z.object({
  type: z.number().int().min(0).max(64),
  data: z.unknown(),
  timestamp: z.number().finite().nonnegative().max(MAX_EVENT_TIMESTAMP),
  delay: z.number().optional(),
});

export const ZIngestBatch = z.object({
  v: z.literal(1),
  siteKey,
  sessionId,
  consent: z.string({ error: "must be the proofId that POST /api/v1/consent returned" }).regex(CONSENT_PROOF_PATTERN, "must be the proofId that POST /api/v1/consent returned"),
  seq: z.number().int().min(0).max(1_000_000),
  events: z.array(ZReplayEvent).min(1, "must hold at least one event").max(MAX_EVENTS_PER_BATCH),
  vault: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, "must be base64").optional(),
  page: z.object({ url: z.string().max(MAX_PAGE_URL_LENGTH) }),
  user: z
    .union([
      z.object({ id: z.string().min(1).max(MAX_USER_REF_LENGTH) }),
      z.object({ pseudonym: z.string().min(1).max(MAX_USER_REF_LENGTH), signature: z.string().max(MAX_USER_REF_LENGTH).optional() }),
    ])
    .optional(),
  trigger: z.object({ reason: z.string().max(MAX_TRIGGER_REASON_LENGTH), kind: z.enum(TRIGGER_KINDS, { error: `must be one of ${TRIGGER_KINDS.join(", ")}` }) }).optional(),
  ended: z.boolean().optional(),
});
export type TIngestBatch = z.infer<typeof ZIngestBatch>;

export const ZConsentBody = z.object({
  siteKey,
  sessionId: sessionId.nullable(),
  granted: z.boolean(),
  bannerVersion: z.string().max(MAX_BANNER_VERSION_LENGTH).optional(),
});

export const ZSupportCodeBody = z.object({ siteKey, sessionId });

// A ticket from a publisher's backend (API token): the token names the site.
export const ZApiTicketBody = z.object({
  sessionId: sessionId.nullable().default(null),
  email: z.email("must be an email address").max(MAX_TICKET_EMAIL_LENGTH),
  subject: z.string().trim().min(3, "must be at least 3 characters").max(MAX_TICKET_SUBJECT_LENGTH),
  message: z.string().trim().min(1, "must not be empty").max(MAX_TICKET_MESSAGE_LENGTH),
  locale: ZBrowserLocale.optional(),
  timeZone: ZBrowserTimeZone.optional(),
});

export const ZSdkTicketBody = ZApiTicketBody.extend({
  siteKey,
  sessionId: sessionId.nullable(),
  pageUrl: z.string().max(MAX_PAGE_URL_LENGTH).optional(),
});

// GET /api/v1/sdk-config: the key is checked with the origin (requireSiteForOrigin), which names
// a missing or malformed one.
export const ZSdkConfigQuery = z.object({ siteKey: z.string().optional() });
