// The events a site's webhook endpoints may subscribe to (docs/integrations.md, Outbound webhooks).
// No server code here: the admin page's form lists them too.
export const WEBHOOK_EVENTS = ["reveal.requested", "reveal.approved", "reveal.declined", "reveal.withdrawn", "reveal.expired", "recording.deleted", "ticket.linked"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
