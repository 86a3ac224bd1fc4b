// The OpenAPI description of every route under app/api (served at /api/v1/openapi.json and
// explained in docs/api.md). Request bodies and query parameters are generated from the zod
// schemas the routes parse with (lib/<domain>/schemas.ts), so the two cannot disagree;
// tests/unit/api/openapi-coverage.test.ts checks that every route and method is here, with the
// schemas its wrapper declares. Responses are described by hand.
import { z } from "zod";
import { ZAccountPreferences, ZDeleteAccount } from "@/lib/account/schemas";
import { ZAuditFilter } from "@/lib/audit/schemas";
import { ZApiTicketBody, ZConsentBody, ZIngestBatch, ZSdkConfigQuery, ZSdkTicketBody, ZSupportCodeBody } from "@/lib/ingest/schemas";
import { MAX_BATCH_BYTES_COMPRESSED, MAX_EVENTS_PER_BATCH } from "@/lib/replay/protocol";
import { ZMailgunMime } from "@/lib/inbound/schemas";
import { ZConnectionCreate, ZHelpdeskReference, ZHelpdeskWebhookBody } from "@/lib/helpdesk/schemas";
import { ZNotificationSettings } from "@/lib/notifications/schemas";
import { ZApiRevealRequest, ZApprovalDecision, ZApprovalLink, ZCustodyAccept, ZCustodyRefuse, ZOwnRecordingPageQuery, ZRecordingPageQuery, ZRevealRequestInput } from "@/lib/reveal/schemas";
import { ZRightsErasure, ZRightsRequest } from "@/lib/rights/schemas";
import { ZSupportCodeLookup } from "@/lib/support-codes/schemas";
import { ZApiTokenCreate, ZSiteCreate, ZSiteSettingsPatch, ZStorageLimitsPatch } from "@/lib/sites/schemas";
import { ZMessageInput, ZOwnTicketInput, ZOwnTicketPatch, ZQueueQuery, ZQueueTicketPatch, ZRelatedRecordingLink, ZTicketClaimConfirm } from "@/lib/tickets/schemas";
import { ZJobListQuery } from "@/lib/jobs/schemas";
import { ZWebhookCreate } from "@/lib/webhooks/schemas";
import { ZInvite, ZUserActive } from "@/lib/users/schemas";

// What a client may send, as JSON Schema (transforms and refinements are checked by the server
// and named in its 400, not expressible here).
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const generated: Record<string, unknown> = { ...z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) };
  delete generated.$schema;
  return generated;
}

// The SDK posts JSON as text/plain (no preflight), optionally gzip-compressed.
const SDK_TYPES = ["text/plain", "application/json"];
const body = (schema: z.ZodType, types = ["application/json"]) => ({ required: true, content: Object.fromEntries(types.map((t) => [t, { schema: jsonSchemaOf(schema) }])) });
const query = (schema: z.ZodType) => {
  const { properties = {}, required = [] } = jsonSchemaOf(schema) as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(properties).map(([name, schema]) => ({ name, in: "query", required: required.includes(name), schema }));
};

const error = { $ref: "#/components/schemas/Error" };
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: ERROR_TEXT[c] ?? "Error", content: { "application/json": { schema: error } } }]));
const ERROR_TEXT: Record<number, string> = {
  400: "Invalid input; the message names the field, and `issues` lists each field's problem",
  401: "Not signed in / no valid API token",
  403: "Not allowed",
  404: "Not found (or not visible to you)",
  409: "Conflict with the current state",
  410: "Gone (deleted, expired or already used)",
  413: "Too large (a request body, or a recording's chunk once decompressed)",
  415: "Unsupported content type",
  429: "Rate limited",
};
const ok = (description: string, schema: object = { type: "object" }) => ({ description, content: { "application/json": { schema } } });
const csv = (description: string) => ({ description, content: { "text/csv": { schema: { type: "string" } } } });
const cookie = [{ session: [] }];
const preflight = { summary: "CORS preflight of the SDK's endpoint (any origin; no credentials)", responses: { "204": { description: "Allowed methods and headers" } } };

const document = {
  openapi: "3.1.0",
  info: {
    title: "Replaydesk API",
    version: "1",
    description: "Tickets linked to pseudonymous session recordings, revealed only with the customer's approval. Errors are always { error: { code, message, issues? } }; issues (for invalid input only) is [{ path, message }], one per field.",
  },
  servers: [{ url: "/" }],
  components: {
    securitySchemes: {
      session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "Signed-in account (magic link). Writes must come from the app's own origin." },
      apiToken: { type: "http", scheme: "bearer", description: "A site's API token (rdt_…), created by an admin on the site's page." },
    },
    schemas: {
      Error: {
        type: "object",
        properties: {
          error: {
            type: "object",
            required: ["code", "message"],
            properties: {
              code: { type: "string" },
              message: { type: "string" },
              issues: { type: "array", items: { type: "object", required: ["path", "message"], properties: { path: { type: "string", description: "dotted field path; empty for the input as a whole" }, message: { type: "string" } } } },
            },
          },
        },
      },
      TicketStatusChange: { type: "object", properties: { ticketId: { type: "string" }, status: { enum: ["open", "closed"] }, result: { enum: ["closed", "reopened", "unchanged"] } } },
      TicketCreated: { type: "object", properties: { ticketId: { type: "string" }, ticketUrl: { type: "string" }, sessionId: { type: ["string", "null"] } } },
      EventsPage: {
        type: "object",
        properties: {
          events: { type: "array", description: "rrweb events, safe to replay" },
          list: { type: "array", items: { type: "object", properties: { at: { type: "integer" }, kind: { enum: ["page", "click", "error", "trigger"] }, label: { type: "string" } } } },
          lastSeq: { type: "integer" },
          done: { type: "boolean" },
        },
      },
      DeletionDone: { type: "object", properties: { deleted: { const: true }, receipt: { type: "object", properties: { id: { type: "string" }, deletedAt: { type: "string", format: "date-time" } } } } },
      ComplianceRecord: {
        type: "object",
        properties: {
          generatedAt: { type: "string", format: "date-time" },
          site: { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } },
          measures: {
            type: "array",
            items: {
              type: "object",
              properties: {
                code: { type: "string", description: "Consent, L2, L1, M0, M1|M2|M3, S1, I2/I3, I1, S2, Approval, Retention" },
                title: { type: "string" },
                status: { enum: ["on", "shortfall", "not required"] },
                how: { type: "string" },
                evidence: { type: "array", items: { type: "string" } },
                shortfalls: { type: "array", items: { type: "string" } },
              },
            },
          },
          evidence: { type: "object" },
          shortfalls: { type: "array", items: { type: "object", properties: { measure: { type: "string" }, message: { type: "string" } } } },
          compliant: { type: "boolean" },
          documents: {
            type: "array",
            items: { type: "object", properties: { id: { type: "string" }, title: { type: "string" }, intro: { type: "string" }, rows: { type: "array", items: { type: "object", properties: { label: { type: "string" }, value: { type: "array", items: { type: "string" } } } } } } },
          },
        },
      },
      RevealStatus: {
        type: "object",
        properties: {
          id: { type: "string" },
          ticketId: { type: "string" },
          scope: { enum: ["masked", "unmasked"] },
          status: { enum: ["pending", "approved", "declined", "expired", "withdrawn", "revoked"] },
          createdAt: { type: "string", format: "date-time" },
          decidedAt: { type: ["string", "null"], format: "date-time" },
          accessUntil: { type: ["string", "null"], format: "date-time" },
        },
      },
    },
  },
  paths: {
    "/api/v1/tickets": {
      options: preflight,
      post: {
        summary: "Open a ticket for a site: from the publisher's backend with an API token (first schema), or from its pages through the SDK with its site key (second schema, sent as text/plain)",
        security: [{ apiToken: [] }],
        requestBody: { required: true, content: { "application/json": { schema: { oneOf: [jsonSchemaOf(ZApiTicketBody), jsonSchemaOf(ZSdkTicketBody)] } } } },
        responses: { "201": ok("Created", { $ref: "#/components/schemas/TicketCreated" }), ...errors(400, 401, 413, 429) },
      },
    },
    "/api/v1/reveals/{id}": {
      get: { summary: "Where a reveal request stands (publisher backend)", security: [{ apiToken: [] }], responses: { "200": ok("The request", { $ref: "#/components/schemas/RevealStatus" }), ...errors(401, 404) } },
    },
    "/api/v1/tickets/{id}/helpdesk-reference": {
      put: {
        summary: "Link one of the site's tickets to its twin in a connected helpdesk (publisher backend): the connection must be the site's and enabled; emits ticket.linked. 409 when another ticket holds the reference or the connection is disconnected",
        security: [{ apiToken: [] }],
        requestBody: body(ZHelpdeskReference),
        responses: { "200": ok("Linked, or unchanged when the ticket already held it", { type: "object", properties: { ticketId: { type: "string" }, connectionId: { type: "string" }, externalId: { type: "string" }, result: { enum: ["linked", "unchanged"] } } }), ...errors(400, 401, 404, 409, 429) },
      },
    },
    "/api/v1/tickets/{id}/reveals": {
      post: {
        summary: "Ask the customer to approve a viewing, on behalf of a named agent (publisher backend): the agent must be an active account holding replay:request on the ticket's site (403 otherwise); audited as the token, naming the agent",
        security: [{ apiToken: [] }],
        requestBody: body(ZApiRevealRequest),
        responses: { "201": ok("Requested: { id, status: pending, tokenExpiresAt }"), ...errors(400, 401, 403, 404, 409, 429) },
      },
    },
    "/api/v1/tickets/{id}/close": {
      post: { summary: "Close one of the site's tickets (publisher backend): its recordings' deletion is scheduled as when the desk closes it; audited as the token", security: [{ apiToken: [] }], responses: { "200": ok("Closed, or unchanged", { $ref: "#/components/schemas/TicketStatusChange" }), ...errors(401, 404, 429) } },
    },
    "/api/v1/tickets/{id}/reopen": {
      post: { summary: "Reopen one of the site's tickets (publisher backend); deleted recordings stay deleted; audited as the token", security: [{ apiToken: [] }], responses: { "200": ok("Reopened, or unchanged", { $ref: "#/components/schemas/TicketStatusChange" }), ...errors(401, 404, 429) } },
    },
    "/api/v1/sdk-config": {
      options: preflight,
      get: {
        summary: "SDK: the site's recording settings (after consent only)",
        parameters: query(ZSdkConfigQuery),
        responses: { "200": ok("SdkConfig (lib/replay/protocol.ts)"), ...errors(400, 403, 404) },
      },
    },
    "/api/v1/ingest": {
      options: preflight,
      post: {
        summary: `SDK: a batch of masked events (gzip or JSON text, at most ${MAX_BATCH_BYTES_COMPRESSED} bytes, ${MAX_EVENTS_PER_BATCH} events) of a session with its consent proof; 403 without one or for a trigger kind the site did not enable, 413 past the site's storage quota or a session's caps`,
        requestBody: body(ZIngestBatch, SDK_TYPES),
        responses: { "201": ok("Stored"), "200": ok("Already stored (retried seq)"), ...errors(400, 403, 404, 409, 410, 413, 415, 429) },
      },
    },
    "/api/v1/consent": {
      options: preflight,
      post: {
        summary: "SDK: consent given (answers the proofId the session's uploads carry) or withdrawn (the session's reveal requests end and its recording is deleted)",
        requestBody: body(ZConsentBody, SDK_TYPES),
        responses: { "201": ok("Recorded: { proofId, deleted }"), ...errors(400, 403, 404, 429) },
      },
    },
    "/api/v1/support-codes": {
      options: preflight,
      post: {
        summary: "SDK: a support code (RD-XXXX-XXXX) for the session's triggered recording on a site enabling the \"code\" trigger; a new code replaces the previous one, and it dies with the recording",
        requestBody: body(ZSupportCodeBody, SDK_TYPES),
        responses: { "201": ok("{ code }"), ...errors(400, 403, 404, 429) },
      },
    },
    "/api/v1/me": {
      get: { summary: "The signed-in account, its roles and permissions", security: cookie, responses: { "200": ok("Account"), ...errors(401) } },
      patch: {
        summary: "Set one's language and time zone (pages and emails follow them; the language is then never reset from a browser)",
        security: cookie,
        requestBody: body(ZAccountPreferences),
        responses: { "200": ok("The preferences as stored"), ...errors(400, 401) },
      },
      delete: {
        summary: "Delete one's account: all recordings and pseudonym links go, tickets are anonymised",
        security: cookie,
        requestBody: body(ZDeleteAccount),
        responses: { "200": ok("Deleted"), ...errors(400, 401) },
      },
    },
    "/api/v1/me/export": {
      get: { summary: "One's data as a JSON download: tickets, messages, recordings' metadata, approvals, audit entries about them", security: cookie, responses: { "200": ok("Export"), ...errors(401) } },
    },
    "/api/v1/me/notifications": {
      get: { summary: "Staff: the ticket events one is emailed about", security: cookie, responses: { "200": ok("{ notifyOn: event[] }"), ...errors(401, 403) } },
      put: { summary: "Staff: replace the ticket events one is emailed about", security: cookie, requestBody: body(ZNotificationSettings), responses: { "200": ok("{ notifyOn: event[] }"), ...errors(400, 401, 403) } },
    },
    "/api/v1/recordings/{id}": {
      delete: { summary: "The customer deletes one of their recordings now", security: cookie, responses: { "200": ok("Deleted"), ...errors(401, 404) } },
    },
    "/api/v1/me/tickets": {
      get: { summary: "The customer's tickets", security: cookie, responses: { "200": ok("Tickets"), ...errors(401) } },
      post: { summary: "Open a ticket from the support page", security: cookie, requestBody: body(ZOwnTicketInput), responses: { "201": ok("Created"), ...errors(400, 401, 403) } },
    },
    "/api/v1/me/tickets/{id}": {
      get: { summary: "One of the customer's tickets with its recordings' metadata", security: cookie, responses: { "200": ok("Ticket"), ...errors(401, 404) } },
      patch: { summary: "Close (deletes its recordings) or reopen", security: cookie, requestBody: body(ZOwnTicketPatch), responses: { "200": ok("Updated"), ...errors(400, 401, 404) } },
    },
    "/api/v1/me/tickets/{id}/messages": {
      post: { summary: "The customer replies", security: cookie, requestBody: body(ZMessageInput), responses: { "201": ok("Sent"), ...errors(400, 401, 404) } },
    },
    "/api/v1/me/reveals/{id}/withdraw": {
      post: { summary: "Withdraw an approval (access stops at once)", security: cookie, responses: { "200": ok("Withdrawn"), ...errors(401, 404, 409) } },
    },
    "/api/v1/me/reveals/{id}/delete-recording": {
      post: { summary: "After declining a request, delete its recording now (answers the deletion receipt)", security: cookie, responses: { "200": ok("Deleted", { $ref: "#/components/schemas/DeletionDone" }), ...errors(401, 404, 409, 410) } },
    },
    "/api/v1/me/recordings/{id}/events": {
      get: {
        summary: "A page of one's own recording (masked), with its list of events; the first view is audited",
        security: cookie,
        parameters: query(ZOwnRecordingPageQuery),
        responses: { "200": ok("Events", { $ref: "#/components/schemas/EventsPage" }), ...errors(400, 401, 404, 410, 413) },
      },
    },
    "/api/v1/approvals/lookup": {
      post: { summary: "What an approval link is about (token in the body)", requestBody: body(ZApprovalLink), responses: { "200": ok("Request details"), ...errors(400, 403, 410, 429) } },
    },
    "/api/v1/tickets/confirm": {
      post: { summary: "The owner of an address adds a ticket filed under it to their account (token from the email; single use)", requestBody: body(ZTicketClaimConfirm), responses: { "200": ok("Confirmed"), ...errors(400, 403, 409, 410, 429) } },
    },
    "/api/v1/approvals/decide": {
      post: { summary: "Approve or decline (single use; an approval covers what was recorded up to now, for the agent the request names)", requestBody: body(ZApprovalDecision), responses: { "200": ok("Decided"), ...errors(400, 403, 410, 429) } },
    },
    "/api/v1/approvals/delete-recording": {
      post: { summary: "After declining, delete the recording now with the same link (token in the body); answers the deletion receipt", requestBody: body(ZApprovalLink), responses: { "200": ok("Deleted", { $ref: "#/components/schemas/DeletionDone" }), ...errors(400, 403, 409, 410, 429) } },
    },
    "/api/v1/desk/tickets": {
      get: {
        summary: "The support queue",
        security: cookie,
        parameters: query(ZQueueQuery),
        responses: { "200": ok("Tickets"), ...errors(400, 401, 403) },
      },
    },
    "/api/v1/desk/tickets/{id}": {
      get: { summary: "A queue ticket: thread and recordings' metadata (no content)", security: cookie, responses: { "200": ok("Ticket"), ...errors(401, 403, 404) } },
      patch: { summary: "Status or assignee", security: cookie, requestBody: body(ZQueueTicketPatch), responses: { "200": ok("Updated"), ...errors(400, 401, 403, 404) } },
    },
    "/api/v1/desk/tickets/{id}/messages": {
      post: { summary: "An agent replies", security: cookie, requestBody: body(ZMessageInput), responses: { "201": ok("Sent"), ...errors(400, 401, 403, 404, 409) } },
    },
    "/api/v1/desk/reveals": {
      post: {
        summary: "Ask the customer (by email) to approve viewing a recording",
        security: cookie,
        requestBody: body(ZRevealRequestInput),
        responses: { "201": ok("Requested"), ...errors(400, 401, 403, 404, 409) },
      },
    },
    "/api/v1/desk/reveals/{id}/validate": {
      post: { summary: "A supervisor validates an M1 unmask request", security: cookie, responses: { "200": ok("Validated"), ...errors(401, 403, 404, 409) } },
    },
    "/api/v1/custody/sites/{id}/enrol": {
      post: {
        summary: "M2 key custody (privacy-officer role): a new vault key pair for the site, its private key sealed under a new secret that is returned once and never stored; retires the previous key. 409 on an M1 site",
        security: cookie,
        responses: { "201": ok("Enrolled", { type: "object", properties: { id: { type: "string" }, fingerprint: { type: "string" }, createdAt: { type: "string", format: "date-time" }, retired: { type: "array", items: { type: "string" } }, secret: { type: "string", description: "32 Crockford base32 characters in groups of four; shown once" } } }), ...errors(401, 403, 404, 409) },
      },
    },
    "/api/v1/custody/reveals/{id}/accept": {
      post: {
        summary: "The key custodian accepts an M2 unmasking the customer approved: with the custody secret, that recording's vault copy up to the approval's cut-off is unsealed for that approval only. 403 for a secret that does not open the key (audited, without it)",
        security: cookie,
        requestBody: body(ZCustodyAccept),
        responses: { "200": ok("Accepted", { type: "object", properties: { accepted: { const: true }, chunks: { type: "integer" } } }), ...errors(400, 401, 403, 404, 409, 410) },
      },
    },
    "/api/v1/custody/reveals/{id}/refuse": {
      post: {
        summary: "The key custodian refuses an M2 unmasking, with a reason (audited; the agent sees it)",
        security: cookie,
        requestBody: body(ZCustodyRefuse),
        responses: { "200": ok("Refused"), ...errors(400, 401, 403, 404, 409) },
      },
    },
    "/api/v1/desk/recordings/{id}/events": {
      get: {
        summary: "A page of a recording's events, for the agent an approval names (what was recorded up to the approval); 410 once the recording it was watching is withdrawn or deleted",
        security: cookie,
        parameters: query(ZRecordingPageQuery),
        responses: { "200": ok("Events", { $ref: "#/components/schemas/EventsPage" }), ...errors(400, 401, 403, 404, 410, 413) },
      },
    },
    "/api/v1/admin/sites/{id}/compliance.json": {
      get: {
        summary: "The site's compliance record: every measure computed from the live settings and data (status, how, evidence, shortfalls), the evidence of the last 30 days, compliant only when nothing falls short, and the DPO's documents (roles, record of processing, DPIA outline, processing-agreement annex, retention justification)",
        security: cookie,
        responses: { "200": ok("ComplianceRecord", { $ref: "#/components/schemas/ComplianceRecord" }), ...errors(401, 403, 404) },
      },
    },
    "/api/v1/admin/rights/search": {
      post: {
        summary: "Rights request received by another channel: what is held about a person on the sites the caller covers (permission privacy:rights; audited with the reason, found or not)",
        security: cookie,
        requestBody: body(ZRightsRequest),
        responses: { "200": ok("What is held: the account or the site of the pseudonym, tickets, recordings' metadata, the number of requests to view them, notes on consent records and on erasure"), ...errors(400, 401, 403, 404, 415) },
      },
    },
    "/api/v1/admin/rights/export": {
      post: {
        summary: "The person's data as a JSON download (the format of GET /api/v1/me/export, limited to the caller's sites; metadata only); audited",
        security: cookie,
        requestBody: body(ZRightsRequest),
        responses: { "200": ok("Export"), ...errors(400, 401, 403, 404, 415) },
      },
    },
    "/api/v1/admin/rights/erase": {
      post: {
        summary: "Erase the person's data on the caller's sites: recordings deleted, tickets anonymised, the account deleted once nothing else of it is left (by pseudonym: the recordings carrying it); audited",
        security: cookie,
        requestBody: body(ZRightsErasure),
        responses: { "200": ok("{ erased, recordings, tickets, messages, accountDeleted? } (accountDeleted only for staff covering every site; a staff account is kept)"), ...errors(400, 401, 403, 404, 415) },
      },
    },
    "/api/v1/inbound/mailgun/mime": {
      post: {
        summary: "A reply by email from Mailgun's inbound route (forward() to this URL: the raw message), verified by Mailgun's signature (HMAC-SHA256 of timestamp + token under MAILGUN_SIGNING_KEY, at most 5 minutes old, each token once); 404 when MAILGUN_SIGNING_KEY is unset",
        requestBody: body(ZMailgunMime, ["multipart/form-data", "application/x-www-form-urlencoded"]),
        responses: { "200": ok("{ received: true, result } (verified; landed in its ticket or deliberately ignored)"), ...errors(400, 401, 404, 409, 413, 415, 429) },
      },
    },
    "/api/v1/helpdesk/{connectionId}/webhook": {
      post: {
        summary: "A helpdesk's ticket event (created, closed, reopened, deleted) for one connection, verified by that helpdesk's scheme: Standard Webhooks (generic), Zammad X-Hub-Signature, Chatwoot X-Chatwoot-Signature, Zendesk X-Zendesk-Webhook-Signature, Freshdesk basic auth; timestamps at most 5 minutes old where signed, each delivery once. The connection id is not secret (docs/integrations.md)",
        requestBody: body(ZHelpdeskWebhookBody),
        responses: { "200": ok("{ received: true, result, ticketId } (result: created, exists, closed, reopened, deleted, unchanged or ignored)"), ...errors(400, 401, 404, 409, 413, 429) },
      },
    },
    "/api/v1/health": {
      get: { summary: "Liveness and database reachability (for load balancers and start-up checks)", responses: { "200": ok("{ ok: true }"), ...errors(503) } },
    },
    "/api/v1/openapi.json": {
      get: { summary: "This document", responses: { "200": ok("OpenAPI 3.1") } },
    },
    "/api/auth/{nextauth}": {
      get: { summary: "next-auth (sign-in pages, session, CSRF token); a magic link's GET goes to the confirmation page /signin/confirm and never signs in", responses: { "200": ok("next-auth's answer"), "302": { description: "Redirect" }, "303": { description: "To /signin/confirm" } } },
      post: {
        summary: "next-auth's forms (form-encoded, at most 8 KiB): request a magic link (rate limited per client and per address), confirm one, sign out; same-origin only",
        requestBody: { required: true, content: { "application/x-www-form-urlencoded": { schema: { type: "object", description: "next-auth's fields (csrfToken, email, token, callbackUrl)" } } } },
        responses: { "200": ok("next-auth's answer ({ url })"), "302": { description: "Redirect" }, ...errors(403, 413, 429) },
      },
    },
    "/api/v1/desk/tickets/{id}/related-recordings": {
      get: { summary: "Other recordings of the ticket's pseudonymous user on its site (metadata only)", security: cookie, responses: { "200": ok("Recordings"), ...errors(401, 403, 404) } },
      post: { summary: "Link one of them to the ticket", security: cookie, requestBody: body(ZRelatedRecordingLink), responses: { "201": ok("Linked"), ...errors(400, 401, 403, 404, 409) } },
    },
    "/api/v1/desk/tickets/{id}/support-code": {
      post: {
        summary: "Link the recording a customer's support code names to the ticket (same site, not another ticket's; 10 lookups a minute per agent; a wrong or expired code is a plain 404)",
        security: cookie,
        requestBody: body(ZSupportCodeLookup),
        responses: { "201": ok("{ recordingId, linked }"), ...errors(400, 401, 403, 404, 409, 429) },
      },
    },
    "/api/v1/admin/audit.csv": {
      get: { summary: "The filtered audit log as CSV (never paged; the export is itself audited)", security: cookie, parameters: query(ZAuditFilter), responses: { "200": csv("Audit entries"), ...errors(400, 401, 403) } },
    },
    "/api/v1/admin/users": {
      post: { summary: "Invite a staff member: grant a role (optionally on one site, until a date) and email an invitation (needs a grant covering every site)", security: cookie, requestBody: body(ZInvite), responses: { "201": ok("Invited"), ...errors(400, 401, 403, 409) } },
    },
    "/api/v1/admin/users/{id}": {
      patch: { summary: "Deactivate (ending the account's sessions at once) or reactivate an account", security: cookie, requestBody: body(ZUserActive), responses: { "200": ok("Updated"), ...errors(400, 401, 403, 404, 409) } },
    },
    "/api/v1/admin/grants/{id}": {
      delete: { summary: "Revoke one role grant (it stops counting on the next request; the last admin's is refused)", security: cookie, responses: { "200": ok("{ revoked: true }"), ...errors(401, 403, 404, 409) } },
    },
    "/api/v1/admin/grants/{id}/review": {
      post: { summary: "Confirm a role grant is still needed (periodic access review)", security: cookie, responses: { "200": ok("Reviewed"), ...errors(401, 403, 404) } },
    },
    "/api/v1/admin/jobs": {
      get: { summary: "The outbox: the newest jobs, optionally of one status (queued, dead, done), recipients masked (needs a grant covering every site)", security: cookie, parameters: query(ZJobListQuery), responses: { "200": ok("Jobs"), ...errors(400, 401, 403) } },
    },
    "/api/v1/admin/jobs/{id}/resend": {
      post: { summary: "Send a dead job, or one waiting for its next try, again now (attempts reset, same Message-ID; audited)", security: cookie, responses: { "200": ok("{ id, status: queued }"), ...errors(401, 403, 404, 409) } },
    },
    "/api/v1/admin/sites": {
      post: { summary: "Create a site (name and allowed origins; privacy settings start at the protective defaults; needs a grant covering every site)", security: cookie, requestBody: body(ZSiteCreate), responses: { "201": ok("{ id, publicKey }"), ...errors(400, 401, 403) } },
    },
    "/api/v1/admin/sites/{id}": {
      patch: { summary: "Change some of a site's privacy settings: merged with the stored ones, validated as a whole, audited with old and new values", security: cookie, requestBody: body(ZSiteSettingsPatch), responses: { "200": ok("{ changed: string[] }"), ...errors(400, 401, 403, 404, 409) } },
    },
    "/api/v1/admin/sites/{id}/storage-limits": {
      get: { summary: "The site's storage use against its limits", security: cookie, responses: { "200": ok("Usage and limits"), ...errors(401, 403, 404) } },
      patch: { summary: "Change the storage quota and the per-session caps", security: cookie, requestBody: body(ZStorageLimitsPatch), responses: { "200": ok("{ changed: string[] }"), ...errors(400, 401, 403, 404, 409) } },
    },
    "/api/v1/admin/sites/{id}/api-tokens": {
      post: { summary: "Create a publisher API token; the answer is the only time it is shown", security: cookie, requestBody: body(ZApiTokenCreate), responses: { "201": ok("{ id, name, token }"), ...errors(400, 401, 403, 404) } },
    },
    "/api/v1/admin/sites/{id}/api-tokens/{tokenId}": {
      delete: { summary: "Revoke a publisher API token at once", security: cookie, responses: { "200": ok("{ revoked: true }"), ...errors(401, 403, 404) } },
    },
    "/api/v1/admin/sites/{id}/vault-key": {
      post: { summary: "Generate the site's vault key pair, or rotate it (the previous key is retired and kept for the recordings sealed to it)", security: cookie, responses: { "201": ok("The new key's id and fingerprint"), ...errors(401, 403, 404, 409) } },
    },
    "/api/v1/admin/sites/{id}/pseudonym-secret": {
      post: { summary: "Generate or rotate the site's pseudonym signing secret; the answer is the only time it is shown", security: cookie, responses: { "201": ok("The secret"), ...errors(401, 403, 404) } },
    },
    "/api/v1/admin/sites/{id}/webhooks": {
      get: { summary: "The site's outbound webhook endpoints (URL, events, disabled or not; never the secret)", security: cookie, responses: { "200": ok("[{ id, url, events, createdAt, disabledAt }]"), ...errors(401, 403, 404) } },
      post: { summary: "Add an outbound webhook endpoint; a URL resolving to a loopback or private address is refused unless WEBHOOK_ALLOWED_HOSTS admits its host; the answer is the only time its whsec_ secret is shown", security: cookie, requestBody: body(ZWebhookCreate), responses: { "201": ok("{ id, url, events, createdAt, disabledAt, secret }"), ...errors(400, 401, 403, 404) } },
    },
    "/api/v1/admin/sites/{id}/webhooks/{webhookId}/disable": {
      post: { summary: "Disable an outbound webhook endpoint: no new events, queued ones are skipped", security: cookie, responses: { "200": ok("The endpoint"), ...errors(401, 403, 404) } },
    },
    "/api/v1/admin/sites/{id}/webhooks/{webhookId}/secret": {
      post: { summary: "Rotate an outbound webhook endpoint's signing secret; the answer is the only time it is shown", security: cookie, responses: { "201": ok("The endpoint and its new secret"), ...errors(401, 403, 404) } },
    },
    "/api/v1/admin/sites/{id}/helpdesk-connections": {
      get: { summary: "The site's helpdesk connections (kind, name, webhook URL, framing origins, notes API URL or null, tickets linked, disconnected or not; never a secret or API token)", security: cookie, responses: { "200": ok("[{ id, kind, name, webhookUrl, frameOrigins, apiUrl, basicAuthUser, tickets, createdAt, disabledAt }]"), ...errors(401, 403, 404) } },
      post: {
        summary: "Connect a helpdesk (as `npm run admin -- connect-helpdesk`); apiUrl and apiToken (Zammad, Chatwoot) let Replaydesk write internal notes, the URL checked like a webhook target, the token stored sealed and never shown; the answer is the only time the webhook secret is shown",
        security: cookie,
        requestBody: body(ZConnectionCreate),
        responses: { "201": ok("{ id, siteId, kind, basicAuthUser, secret, webhookUrl, apiUrl }"), ...errors(400, 401, 403, 404) },
      },
    },
    "/api/v1/admin/sites/{id}/helpdesk-connections/{connectionId}/secret": {
      post: { summary: "Rotate a helpdesk connection's webhook secret; the answer is the only time it is shown, the old one stops verifying", security: cookie, responses: { "201": ok("{ secret, webhookUrl }"), ...errors(401, 403, 404) } },
    },
    "/api/v1/admin/sites/{id}/helpdesk-connections/{connectionId}/disconnect": {
      post: { summary: "Disconnect a helpdesk: its webhook answers 404 and no note is written; linked tickets keep their reference", security: cookie, responses: { "200": ok("{ disconnected }: false when it already was"), ...errors(401, 403, 404) } },
    },
    "/api/v1/admin/sites/{id}/consent.csv": {
      get: { summary: "The site's consent records as CSV (proof of consent for an audit)", security: cookie, responses: { "200": csv("Consent records"), ...errors(401, 403, 404) } },
    },
  },
};

// Each {name} in a path is a required string parameter of its operations.
function withPathParameters(paths: Record<string, Record<string, { parameters?: object[] }>>) {
  return Object.fromEntries(
    Object.entries(paths).map(([path, operations]) => {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1]!, in: "path", required: true, schema: { type: "string" } }));
      return [path, Object.fromEntries(Object.entries(operations).map(([method, op]) => [method, names.length ? { ...op, parameters: [...names, ...(op.parameters ?? [])] } : op]))];
    }),
  );
}

export const openApiDocument = { ...document, paths: withPathParameters(document.paths as Record<string, Record<string, { parameters?: object[] }>>) };
