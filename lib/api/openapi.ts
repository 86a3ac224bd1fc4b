// The OpenAPI description of the JSON API under /api/v1 (served at /api/v1/openapi.json and
// explained in docs/api.md). Limits come from the wire protocol so the two cannot disagree.
import { MAX_BATCH_BYTES_COMPRESSED, MAX_EVENTS_PER_BATCH, MAX_TICKET_MESSAGE_LENGTH, MAX_TICKET_SUBJECT_LENGTH } from "@/lib/replay/protocol";

const error = { $ref: "#/components/schemas/Error" };
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: ERROR_TEXT[c] ?? "Error", content: { "application/json": { schema: error } } }]));
const ERROR_TEXT: Record<number, string> = {
  400: "Invalid input; the message names the field",
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
const jsonBody = (schema: object) => ({ required: true, content: { "application/json": { schema } } });
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
const cookie = [{ session: [] }];

// A person named in a rights request (privacy:rights), and why staff act.
const RightsRequestBody = {
  type: "object",
  required: ["by", "reason"],
  properties: {
    by: { enum: ["email", "pseudonym"] },
    email: { type: "string", format: "email", description: "with by: email" },
    siteId: { type: "string", description: "with by: pseudonym, the site it belongs to" },
    pseudonym: { type: "string", pattern: "^ps_[A-Za-z0-9_-]{22}$", description: "with by: pseudonym, as the publisher's backend computes it" },
    reason: { type: "string", minLength: 10, maxLength: 500, description: "the request as received, kept in the audit log" },
  },
};

const TicketInput = {
  type: "object",
  required: ["email", "subject", "message"],
  properties: {
    email: { type: "string", format: "email" },
    subject: { type: "string", minLength: 3, maxLength: MAX_TICKET_SUBJECT_LENGTH },
    message: { type: "string", minLength: 1, maxLength: MAX_TICKET_MESSAGE_LENGTH },
    sessionId: { type: ["string", "null"], description: "The SDK's session id to link (Replaydesk.sessionId())" },
  },
};

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Replaydesk API",
    version: "1",
    description: "Tickets linked to pseudonymous session recordings, revealed only with the customer's approval. Errors are always { error: { code, message } }.",
  },
  servers: [{ url: "/" }],
  components: {
    securitySchemes: {
      session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "Signed-in account (magic link). Writes must come from the app's own origin." },
      apiToken: { type: "http", scheme: "bearer", description: "A site's API token (rdt_…), created by an admin on the site's page." },
    },
    schemas: {
      Error: { type: "object", properties: { error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" } } } } },
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
      post: {
        summary: "Open a ticket for a site (publisher backend with an API token; the SDK uses the same path with its site key)",
        security: [{ apiToken: [] }],
        requestBody: jsonBody(TicketInput),
        responses: { "201": ok("Created", { $ref: "#/components/schemas/TicketCreated" }), ...errors(400, 401, 413, 429) },
      },
    },
    "/api/v1/reveals/{id}": {
      get: { summary: "Where a reveal request stands (publisher backend)", security: [{ apiToken: [] }], parameters: [idParam], responses: { "200": ok("The request", { $ref: "#/components/schemas/RevealStatus" }), ...errors(401, 404) } },
    },
    "/api/v1/sdk-config": {
      get: {
        summary: "SDK: the site's recording settings (after consent only)",
        parameters: [{ name: "siteKey", in: "query", required: true, schema: { type: "string", pattern: "^pk_" } }],
        responses: { "200": ok("SdkConfig (lib/replay/protocol.ts)"), ...errors(400, 403, 404) },
      },
    },
    "/api/v1/ingest": {
      post: {
        summary: `SDK: a batch of masked events (gzip or JSON text, at most ${MAX_BATCH_BYTES_COMPRESSED} bytes, ${MAX_EVENTS_PER_BATCH} events) of a session with its consent proof; 403 without one or for a trigger kind the site did not enable, 413 past the site's storage quota or a session's caps`,
        requestBody: { required: true, content: { "text/plain": { schema: { type: "string", description: "JSON IngestBatch (lib/replay/protocol.ts), optionally gzip-compressed" } } } },
        responses: { "201": ok("Stored"), "200": ok("Already stored (retried seq)"), ...errors(400, 403, 404, 409, 410, 413, 415, 429) },
      },
    },
    "/api/v1/consent": {
      post: {
        summary: "SDK: consent given (answers the proofId the session's uploads carry) or withdrawn (the session's reveal requests end and its recording is deleted)",
        responses: { "201": ok("Recorded: { proofId, deleted }"), ...errors(400, 403, 404, 429) },
      },
    },
    "/api/v1/me": {
      get: { summary: "The signed-in account, its roles and permissions", security: cookie, responses: { "200": ok("Account"), ...errors(401) } },
      delete: {
        summary: "Delete one's account: all recordings and pseudonym links go, tickets are anonymised",
        security: cookie,
        requestBody: jsonBody({ type: "object", required: ["confirm"], properties: { confirm: { const: "DELETE MY ACCOUNT" } } }),
        responses: { "200": ok("Deleted"), ...errors(400, 401) },
      },
    },
    "/api/v1/me/export": {
      get: { summary: "One's data as a JSON download: tickets, messages, recordings' metadata, approvals, audit entries about them", security: cookie, responses: { "200": ok("Export"), ...errors(401) } },
    },
    "/api/v1/recordings/{id}": {
      delete: { summary: "The customer deletes one of their recordings now", security: cookie, parameters: [idParam], responses: { "200": ok("Deleted"), ...errors(401, 404) } },
    },
    "/api/v1/me/tickets": {
      get: { summary: "The customer's tickets", security: cookie, responses: { "200": ok("Tickets"), ...errors(401) } },
      post: { summary: "Open a ticket from the support page", security: cookie, requestBody: jsonBody({ type: "object", required: ["siteId", "subject", "message"] }), responses: { "201": ok("Created"), ...errors(400, 401, 403) } },
    },
    "/api/v1/me/tickets/{id}": {
      get: { summary: "One of the customer's tickets with its recordings' metadata", security: cookie, parameters: [idParam], responses: { "200": ok("Ticket"), ...errors(401, 404) } },
      patch: { summary: "Close (deletes its recordings) or reopen", security: cookie, parameters: [idParam], requestBody: jsonBody({ type: "object", properties: { status: { enum: ["open", "closed"] } } }), responses: { "200": ok("Updated"), ...errors(400, 401, 404) } },
    },
    "/api/v1/me/tickets/{id}/messages": {
      post: { summary: "The customer replies", security: cookie, parameters: [idParam], requestBody: jsonBody({ type: "object", properties: { body: { type: "string" } } }), responses: { "201": ok("Sent"), ...errors(400, 401, 404) } },
    },
    "/api/v1/me/reveals/{id}/withdraw": {
      post: { summary: "Withdraw an approval (access stops at once)", security: cookie, parameters: [idParam], responses: { "200": ok("Withdrawn"), ...errors(401, 404, 409) } },
    },
    "/api/v1/me/reveals/{id}/delete-recording": {
      post: { summary: "After declining a request, delete its recording now (answers the deletion receipt)", security: cookie, parameters: [idParam], responses: { "200": ok("Deleted", { $ref: "#/components/schemas/DeletionDone" }), ...errors(401, 404, 409, 410) } },
    },
    "/api/v1/me/recordings/{id}/events": {
      get: {
        summary: "A page of one's own recording (masked), with its list of events; the first view is audited",
        security: cookie,
        parameters: [idParam, { name: "after", in: "query", schema: { type: "integer", minimum: -1 } }],
        responses: { "200": ok("Events", { $ref: "#/components/schemas/EventsPage" }), ...errors(400, 401, 404, 410, 413) },
      },
    },
    "/api/v1/approvals/lookup": {
      post: { summary: "What an approval link is about (token in the body)", requestBody: jsonBody({ type: "object", properties: { token: { type: "string" } } }), responses: { "200": ok("Request details"), ...errors(400, 403, 410, 429) } },
    },
    "/api/v1/tickets/confirm": {
      post: { summary: "The owner of an address adds a ticket filed under it to their account (token from the email; single use)", requestBody: jsonBody({ type: "object", properties: { token: { type: "string" } } }), responses: { "200": ok("Confirmed"), ...errors(400, 403, 409, 410, 429) } },
    },
    "/api/v1/approvals/decide": {
      post: { summary: "Approve or decline (single use; an approval covers what was recorded up to now, for the agent the request names)", requestBody: jsonBody({ type: "object", properties: { token: { type: "string" }, decision: { enum: ["approve", "decline"] } } }), responses: { "200": ok("Decided"), ...errors(400, 403, 410, 429) } },
    },
    "/api/v1/approvals/delete-recording": {
      post: { summary: "After declining, delete the recording now with the same link (token in the body); answers the deletion receipt", requestBody: jsonBody({ type: "object", properties: { token: { type: "string" } } }), responses: { "200": ok("Deleted", { $ref: "#/components/schemas/DeletionDone" }), ...errors(400, 403, 409, 410, 429) } },
    },
    "/api/v1/desk/tickets": {
      get: {
        summary: "The support queue",
        security: cookie,
        parameters: [
          { name: "status", in: "query", schema: { enum: ["open", "pending", "closed"] } },
          { name: "siteId", in: "query", schema: { type: "string" } },
          { name: "assignee", in: "query", schema: { enum: ["me", "unassigned"] } },
        ],
        responses: { "200": ok("Tickets"), ...errors(400, 401, 403) },
      },
    },
    "/api/v1/desk/tickets/{id}": {
      get: { summary: "A queue ticket: thread and recordings' metadata (no content)", security: cookie, parameters: [idParam], responses: { "200": ok("Ticket"), ...errors(401, 403, 404) } },
      patch: { summary: "Status or assignee", security: cookie, parameters: [idParam], requestBody: jsonBody({ type: "object", properties: { status: { enum: ["open", "pending", "closed"] }, assignee: { enum: ["me", "nobody"] } } }), responses: { "200": ok("Updated"), ...errors(400, 401, 403, 404) } },
    },
    "/api/v1/desk/tickets/{id}/messages": {
      post: { summary: "An agent replies", security: cookie, parameters: [idParam], requestBody: jsonBody({ type: "object", properties: { body: { type: "string" } } }), responses: { "201": ok("Sent"), ...errors(400, 401, 403, 404, 409) } },
    },
    "/api/v1/desk/reveals": {
      post: {
        summary: "Ask the customer (by email) to approve viewing a recording",
        security: cookie,
        requestBody: jsonBody({ type: "object", required: ["ticketId", "recordingId", "scope", "justification"], properties: { ticketId: { type: "string" }, recordingId: { type: "string" }, scope: { enum: ["masked", "unmasked"] }, justification: { type: "string", minLength: 10 } } }),
        responses: { "201": ok("Requested"), ...errors(400, 401, 403, 404, 409) },
      },
    },
    "/api/v1/desk/reveals/{id}/validate": {
      post: { summary: "A supervisor validates an M1 unmask request", security: cookie, parameters: [idParam], responses: { "200": ok("Validated"), ...errors(401, 403, 404, 409) } },
    },
    "/api/v1/custody/sites/{id}/enrol": {
      post: {
        summary: "M2 key custody (privacy-officer role): a new vault key pair for the site, its private key sealed under a new secret that is returned once and never stored; retires the previous key. 409 on an M1 site",
        security: cookie,
        parameters: [idParam],
        responses: { "201": ok("Enrolled", { type: "object", properties: { id: { type: "string" }, fingerprint: { type: "string" }, createdAt: { type: "string", format: "date-time" }, retired: { type: "array", items: { type: "string" } }, secret: { type: "string", description: "32 Crockford base32 characters in groups of four; shown once" } } }), ...errors(401, 403, 404, 409) },
      },
    },
    "/api/v1/custody/reveals/{id}/accept": {
      post: {
        summary: "The key custodian accepts an M2 unmasking the customer approved: with the custody secret, that recording's vault copy up to the approval's cut-off is unsealed for that approval only. 403 for a secret that does not open the key (audited, without it)",
        security: cookie,
        parameters: [idParam],
        requestBody: jsonBody({ type: "object", required: ["secret"], properties: { secret: { type: "string", maxLength: 200 } } }),
        responses: { "200": ok("Accepted", { type: "object", properties: { accepted: { const: true }, chunks: { type: "integer" } } }), ...errors(400, 401, 403, 404, 409, 410) },
      },
    },
    "/api/v1/custody/reveals/{id}/refuse": {
      post: {
        summary: "The key custodian refuses an M2 unmasking, with a reason (audited; the agent sees it)",
        security: cookie,
        parameters: [idParam],
        requestBody: jsonBody({ type: "object", required: ["reason"], properties: { reason: { type: "string", minLength: 10, maxLength: 1000 } } }),
        responses: { "200": ok("Refused"), ...errors(400, 401, 403, 404, 409) },
      },
    },
    "/api/v1/desk/recordings/{id}/events": {
      get: {
        summary: "A page of a recording's events, for the agent an approval names (what was recorded up to the approval); 410 once the recording it was watching is withdrawn or deleted",
        security: cookie,
        parameters: [idParam, { name: "scope", in: "query", schema: { enum: ["masked", "unmasked"] } }, { name: "after", in: "query", schema: { type: "integer", minimum: -1 } }],
        responses: { "200": ok("Events", { $ref: "#/components/schemas/EventsPage" }), ...errors(400, 401, 403, 404, 410, 413) },
      },
    },
    "/api/v1/admin/sites/{id}/compliance.json": {
      get: {
        summary: "The site's compliance record: every measure computed from the live settings and data (status, how, evidence, shortfalls), the evidence of the last 30 days, compliant only when nothing falls short, and the DPO's documents (roles, record of processing, DPIA outline, processing-agreement annex, retention justification)",
        security: cookie,
        parameters: [idParam],
        responses: { "200": ok("ComplianceRecord", { $ref: "#/components/schemas/ComplianceRecord" }), ...errors(401, 403, 404) },
      },
    },
    "/api/v1/admin/rights/search": {
      post: {
        summary: "Rights request received by another channel: what is held about a person on the sites the caller covers (permission privacy:rights; audited with the reason, found or not)",
        security: cookie,
        requestBody: jsonBody(RightsRequestBody),
        responses: { "200": ok("What is held: the account or the site of the pseudonym, tickets, recordings' metadata, the number of requests to view them, notes on consent records and on erasure"), ...errors(400, 401, 403, 404, 415) },
      },
    },
    "/api/v1/admin/rights/export": {
      post: {
        summary: "The person's data as a JSON download (the format of GET /api/v1/me/export, limited to the caller's sites; metadata only); audited",
        security: cookie,
        requestBody: jsonBody(RightsRequestBody),
        responses: { "200": ok("Export"), ...errors(400, 401, 403, 404, 415) },
      },
    },
    "/api/v1/admin/rights/erase": {
      post: {
        summary: "Erase the person's data on the caller's sites: recordings deleted, tickets anonymised, the account deleted once nothing else of it is left (by pseudonym: the recordings carrying it); audited",
        security: cookie,
        requestBody: jsonBody({ ...RightsRequestBody, required: [...RightsRequestBody.required, "confirm"], properties: { ...RightsRequestBody.properties, confirm: { const: "ERASE" } } }),
        responses: { "200": ok("{ erased, recordings, tickets, messages, accountDeleted? } (accountDeleted only for staff covering every site; a staff account is kept)"), ...errors(400, 401, 403, 404, 415) },
      },
    },
  },
};
