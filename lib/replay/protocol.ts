// Wire protocol between the recorder SDK (lib/recorder/, runs on publishers' pages) and the ingest
// API. The ONE place for wire types and limits: the SDK imports it into its bundles and the server
// builds its zod schemas from it, so the two cannot drift. Browser-light on purpose: no imports
// with runtime code (only types), no zod, nothing that would grow the SDK.

import type { ReplayEvent } from "./masking";

export type { ReplayEvent };

export const PROTOCOL_VERSION = 1;

export const API_PATHS = {
  sdkConfig: "/api/v1/sdk-config",
  ingest: "/api/v1/ingest",
  consent: "/api/v1/consent",
  tickets: "/api/v1/tickets",
  supportCodes: "/api/v1/support-codes",
} as const;

// ---- Limits -----------------------------------------------------------------------------------

// Applied by the server to the request body as received (gzip or plain JSON text).
export const MAX_BATCH_BYTES_COMPRESSED = 1024 * 1024;
// Applied by the server to the JSON text after gunzip (a bound against decompression bombs).
export const MAX_BATCH_BYTES_DECOMPRESSED = 8 * 1024 * 1024;
// The unmasked copy of a batch, as JSON before gzip and sealing, is never longer than this: the
// server cannot look inside it before an approved viewing opens it, so that is where it bounds it.
export const MAX_VAULT_BYTES_DECOMPRESSED = MAX_BATCH_BYTES_DECOMPRESSED;
export const MAX_EVENTS_PER_BATCH = 5000;
// Event timestamps are milliseconds since 1970, stored as 64-bit integers: this is the last
// instant a JavaScript Date can hold (year 275760), far below 2^63.
export const MAX_EVENT_TIMESTAMP = 8.64e15;
// The SDK cuts batches at this many bytes of event JSON before compressing, so that even
// incompressible events plus their sealed vault copy stay under MAX_BATCH_BYTES_COMPRESSED.
export const TARGET_BATCH_EVENT_BYTES = 384 * 1024;
// I1: a session id is rotated after this much inactivity (and after SdkConfig.maxSessionMinutes).
export const SESSION_INACTIVITY_MINUTES = 30;
// Upload cadence once a session uploads (after a trigger in buffer mode, always in stream mode).
export const FLUSH_INTERVAL_MS = 5000;
// Browsers cap the bodies of keepalive fetches / beacons in flight at 64 KiB in total.
export const BEACON_MAX_BYTES = 60_000;

export const MAX_TRIGGER_REASON_LENGTH = 200;
export const MAX_PAGE_URL_LENGTH = 2048;
export const MAX_USER_REF_LENGTH = 128;
// The consent record's id that POST /api/v1/consent answers (a cuid today; room to change).
export const CONSENT_PROOF_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
export const MAX_BANNER_VERSION_LENGTH = 64;
export const MAX_TICKET_EMAIL_LENGTH = 254;
export const MIN_TICKET_SUBJECT_LENGTH = 3;
export const MAX_TICKET_SUBJECT_LENGTH = 200;
export const MAX_TICKET_MESSAGE_LENGTH = 5000;
export const MAX_SELECTORS = 100;
export const MAX_SELECTOR_LENGTH = 500;
export const MAX_SENSITIVE_PAGE_PATTERNS = 50;
export const MAX_PATH_SEGMENT_ALLOW_LIST = 200;
export const MIN_BUFFER_MINUTES = 1;
export const MAX_BUFFER_MINUTES = 60;
export const MIN_SESSION_MINUTES = 5;
export const MAX_SESSION_MINUTES = 24 * 60;

// "s_" + base64url (no padding) of 16 bytes from crypto.getRandomValues: 128 random bits, no
// link to the user, the device or another session (I1).
export const SESSION_ID_PATTERN = /^s_[A-Za-z0-9_-]{22}$/;
export const SITE_KEY_PATTERN = /^pk_[A-Za-z0-9_-]{16,64}$/;

// ---- GET {endpoint}/api/v1/sdk-config?siteKey=pk_... -------------------------------------------

export type MaskingMode = "M1" | "M2" | "M3";
export type RecordingMode = "buffer" | "stream";
// code: the page asked for a support code (Replaydesk.supportCode()).
export type TriggerKind = "ticket" | "manual" | "error" | "code";

export const MASKING_MODES: readonly MaskingMode[] = ["M1", "M2", "M3"];
export const RECORDING_MODES: readonly RecordingMode[] = ["buffer", "stream"];
export const TRIGGER_KINDS: readonly TriggerKind[] = ["ticket", "manual", "error", "code"];

export type SdkConfig = {
  // M1/M2: the unmasked copy travels sealed to the vault key; M3: it is never collected.
  maskingMode: MaskingMode;
  // buffer (L2, default): kept on the device until a trigger; stream: uploaded from the start.
  recordingMode: RecordingMode;
  triggers: TriggerKind[];
  bufferMinutes: number;
  // L1: share of sessions recorded at all, 0..1.
  samplingRate: number;
  maxSessionMinutes: number;
  maskSelectors: string[];
  unmaskSelectors: string[];
  blockSelectors: string[];
  // Path patterns where nothing is recorded (lib/replay/page-path.ts).
  sensitivePages: string[];
  // Path segments shown as written in masked URLs; every other one becomes ":id".
  pathSegmentAllowList: string[];
  // SPKI, base64 (lib/crypto/seal.ts). Null: no vault, so the SDK keeps only masked events.
  vaultPublicKey: string | null;
};

// ---- POST {endpoint}/api/v1/ingest --------------------------------------------------------------
// Body: the JSON text of an IngestBatch, gzip-compressed when the browser has CompressionStream
// (the server detects gzip by its magic bytes 1f 8b), plain UTF-8 JSON otherwise (page-hide
// flushes are always plain). Content-Type is text/plain so that no CORS preflight is needed and
// navigator.sendBeacon can send it; credentials are never sent.

// { pseudonym, signature } from the publisher's backend (docs/sdk.md): signature is
// "<expiry, Unix seconds>.<HMAC-SHA256 over site key, pseudonym and expiry>". Only a pseudonym
// with a valid, unexpired signature links the visitor's recordings; anything else (a raw id, an
// unsigned or badly signed pseudonym) is accepted but bound to this one session.
export type UserRef = { id: string } | { pseudonym: string; signature?: string };

export type IngestBatch = {
  v: 1;
  siteKey: string;
  sessionId: string;
  // The proofId POST /api/v1/consent answered for this session: ingest refuses a session without
  // its own consent grant (or whose consent was withdrawn).
  consent: string;
  // Per session, from 0, contiguous as sent; a retry resends the same seq with the same body, so
  // the server dedupes on (sessionId, seq). A lost batch (page closed mid-retry) leaves a gap.
  seq: number;
  // Masked events (lib/replay/masking.ts has run on each of them).
  events: ReplayEvent[];
  // base64 of sealBytes(vaultPublicKey, gzip(JSON of the same events UNMASKED)); only in M1/M2
  // with a vault key, and absent from batches whose unmasked copy is not on the device any more.
  vault?: string;
  // Query string and fragment removed.
  page: { url: string };
  user?: UserRef;
  // Set on the first batch uploaded after a trigger; the server refuses a kind the site did not enable.
  trigger?: { reason: string; kind: TriggerKind };
  // This page is closing (pagehide). The session may continue on the next page of the tab, with
  // the same sessionId and higher seqs.
  ended?: boolean;
};

// ---- POST {endpoint}/api/v1/consent -------------------------------------------------------------
// Proof of the consent process (granted) and withdrawal (the server ends every request to view the
// session's recording and deletes it, triggered or not). Content-Type text/plain, JSON body. The
// answer's proofId goes with every upload of the session (IngestBatch.consent).

export type ConsentBody = {
  siteKey: string;
  sessionId: string | null;
  granted: boolean;
  bannerVersion?: string;
};

export type ConsentResponse = { proofId: string; deleted: boolean };

// ---- POST {endpoint}/api/v1/tickets -------------------------------------------------------------
// Content-Type text/plain, JSON body. sessionId is null without recording consent, or when the
// session is not recorded (not sampled) or not uploaded.

export type TicketBody = {
  siteKey: string;
  sessionId: string | null;
  email: string;
  subject: string;
  message: string;
  pageUrl?: string;
  locale?: string;
  timeZone?: string;
};

export type TicketResponse = {
  ticketId: string;
  ticketUrl: string;
  sessionId: string | null;
};

// ---- POST {endpoint}/api/v1/support-codes -------------------------------------------------------
// Content-Type text/plain, JSON body, sent once the session's "code" trigger batch is uploaded.
// Answers a fresh code for the session's recording (it replaces any earlier one); 404 while the
// recording is not on the server or not triggered, 403 when the site does not enable "code".

export type SupportCodeBody = { siteKey: string; sessionId: string };
export type SupportCodeResponse = { code: string };

// ---- Errors (every non-2xx JSON answer) ---------------------------------------------------------

export type ErrorBody = { error: { code: string; message: string } };
