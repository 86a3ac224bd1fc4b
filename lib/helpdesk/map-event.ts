import type { HelpdeskKind } from "@/lib/helpdesk/verify";

// Pure: what a verified helpdesk payload means for Replaydesk, through one status table per
// helpdesk (docs/integrations.md shows the same tables). null: nothing for us (an event we do not
// act on, such as a snoozed conversation); undefined fields are simply absent from the payload.

export type HelpdeskEventType = "created" | "closed" | "reopened" | "deleted";
// supportCode: what the customer's page got from Replaydesk.supportCode(), on a created ticket only.
export type HelpdeskEvent = { type: HelpdeskEventType; externalId: string; url?: string; email?: string; supportCode?: string };

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});
const text = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v.trim() : typeof v === "number" ? String(v) : undefined);

function event(type: HelpdeskEventType | null | undefined, externalId: string | undefined, extra: { url?: unknown; email?: unknown; supportCode?: unknown } = {}): HelpdeskEvent | null {
  if (!type || !externalId) return null;
  const url = text(extra.url);
  const email = text(extra.email);
  const supportCode = type === "created" ? text(extra.supportCode) : undefined;
  return { type, externalId, ...(url ? { url } : {}), ...(email ? { email } : {}), ...(supportCode ? { supportCode } : {}) };
}

// Zammad: state names of a default installation ("merged" ends the ticket like "closed").
export const ZAMMAD_STATES: Record<string, HelpdeskEventType> = {
  new: "created",
  open: "reopened",
  "pending reminder": "reopened",
  "pending close": "reopened",
  closed: "closed",
  merged: "closed",
  removed: "deleted",
};

// Chatwoot conversation statuses. Snoozed: the conversation waits for a date or the customer, it
// is not finished, so the recordings stay until it is resolved (retention still bounds them).
export const CHATWOOT_STATUSES: Record<string, HelpdeskEventType | null> = { open: "reopened", pending: "reopened", snoozed: null, resolved: "closed" };

// Zendesk ticket statuses (event webhooks send them upper case): solved and closed end the ticket.
export const ZENDESK_STATUSES: Record<string, HelpdeskEventType> = { new: "reopened", open: "reopened", pending: "reopened", hold: "reopened", solved: "closed", closed: "closed" };

// Freshdesk statuses, by number (API) or by name (automation placeholders): 4 resolved, 5 closed.
export const FRESHDESK_STATUSES: Record<string, HelpdeskEventType> = {
  "2": "reopened",
  "3": "reopened",
  "4": "closed",
  "5": "closed",
  open: "reopened",
  pending: "reopened",
  resolved: "closed",
  closed: "closed",
};

const GENERIC_TYPES: Record<string, HelpdeskEventType> = { "ticket.created": "created", "ticket.closed": "closed", "ticket.reopened": "reopened", "ticket.deleted": "deleted" };

function mapGeneric(body: Json): HelpdeskEvent | null {
  const data = obj(body.data);
  return event(GENERIC_TYPES[String(body.type)], text(data.externalId), { url: data.url, email: data.email, supportCode: data.supportCode });
}

// The custom payload docs/integrations.md asks for: the ticket's id, number, state and URL, the
// customer's email and nothing else personal.
function mapZammad(body: Json): HelpdeskEvent | null {
  const ticket = obj(body.ticket);
  const state = text(ticket.state) ?? text(obj(ticket.state).name);
  return event(state ? ZAMMAD_STATES[state.toLowerCase()] : null, text(ticket.id), { url: ticket.url, email: obj(ticket.customer).email });
}

function mapChatwoot(body: Json): HelpdeskEvent | null {
  const externalId = text(body.id);
  const email = obj(obj(body.meta).sender).email;
  // The support code, when the conversation carries the attribute docs/sdk.md shows as it is created.
  if (body.event === "conversation_created") return event("created", externalId, { email, supportCode: obj(body.custom_attributes).replaydesk_code });
  if (body.event === "conversation_status_changed") return event(CHATWOOT_STATUSES[String(body.status)], externalId);
  return null;
}

// A Zendesk webhook connected to triggers sends the JSON the trigger writes (docs/integrations.md):
// unlike event subscriptions, it can carry the requester's email (so the customer can be asked)
// and the support code from a ticket field; {{ticket.status}} renders the status's name.
function mapZendeskTrigger(hook: Json): HelpdeskEvent | null {
  const externalId = text(hook.ticket_id);
  const extra = { url: hook.url, email: hook.requester_email, supportCode: hook.support_code };
  if (hook.event === "ticket_created") return event("created", externalId, extra);
  return event(ZENDESK_STATUSES[String(hook.status ?? "").toLowerCase()], externalId, { url: hook.url });
}

function mapZendesk(body: Json): HelpdeskEvent | null {
  if ("replaydesk" in body) return mapZendeskTrigger(obj(body.replaydesk));
  const type = String(body.type ?? "");
  const detail = obj(body.detail);
  const externalId = text(detail.id);
  if (type === "zen:event-type:ticket.created") return event("created", externalId);
  if (type === "zen:event-type:ticket.soft_deleted" || type === "zen:event-type:ticket.permanently_deleted") return event("deleted", externalId);
  if (type === "zen:event-type:ticket.status_changed") return event(ZENDESK_STATUSES[String(obj(body.event).current ?? "").toLowerCase()], externalId);
  return null;
}

// Freshdesk's automation webhook with the JSON docs/integrations.md gives (wrapped in
// "freshdesk_webhook", as Freshdesk's own examples are); "event" says which rule sent it.
function mapFreshdesk(body: Json): HelpdeskEvent | null {
  const hook = obj(body.freshdesk_webhook);
  const externalId = text(hook.ticket_id);
  const extra = { url: hook.ticket_url, email: hook.ticket_contact_email };
  if (hook.event === "ticket_created") return event("created", externalId, extra);
  if (hook.event === "ticket_deleted") return event("deleted", externalId);
  return event(FRESHDESK_STATUSES[String(hook.ticket_status ?? "").toLowerCase()], externalId);
}

export function mapHelpdeskEvent(kind: HelpdeskKind, body: unknown): HelpdeskEvent | null {
  const json = obj(body);
  switch (kind) {
    case "generic":
      return mapGeneric(json);
    case "zammad":
      return mapZammad(json);
    case "chatwoot":
      return mapChatwoot(json);
    case "zendesk":
      return mapZendesk(json);
    case "freshdesk":
      return mapFreshdesk(json);
  }
}
