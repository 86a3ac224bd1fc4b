"use client";
import { useEffect, useState } from "react";

// The helpdesk ticket the panel is shown beside: from the URL (?ticket=…) when the helpdesk puts
// it there, otherwise told by the host page (Chatwoot's dashboard app, Zendesk's sidebar app).
// Only the id is read, and only from one of this connection's frame origins; the server then looks
// it up within this connection and checks the agent's permissions (nothing else from the host is used).
export function useHostTicket(kind: string, frameOrigins: readonly string[], fromUrl: string | null): string | null {
  const [fromHost, setFromHost] = useState<string | null>(null);
  useEffect(() => {
    if (fromUrl || window.parent === window) return;
    if (kind === "chatwoot") return listenToChatwoot(frameOrigins, setFromHost);
    if (kind === "zendesk") askZendesk(frameOrigins, setFromHost);
  }, [kind, frameOrigins, fromUrl]);
  return fromUrl ?? fromHost;
}

// Chatwoot dashboard app: the host answers "chatwoot-dashboard-app:fetch-info" (and sends on load)
// a JSON string {event: "appContext", data: {conversation, contact, currentAgent}}.
function listenToChatwoot(frameOrigins: readonly string[], found: (id: string) => void): () => void {
  const onMessage = (e: MessageEvent) => {
    if (!frameOrigins.includes(e.origin) || typeof e.data !== "string") return;
    const id = chatwootConversationId(e.data);
    if (id) found(id);
  };
  window.addEventListener("message", onMessage);
  window.parent.postMessage("chatwoot-dashboard-app:fetch-info", "*");
  return () => window.removeEventListener("message", onMessage);
}

// Zendesk sidebar app: Zendesk adds ?origin=…&app_guid=… to the app's URL and the ZAF SDK (bundled
// from the npm package, served from our origin, loaded only here) talks to that origin. An origin
// the connection does not list is never talked to.
function askZendesk(frameOrigins: readonly string[], found: (id: string) => void): void {
  const origin = new URLSearchParams(window.location.search).get("origin");
  if (!origin || !frameOrigins.includes(origin)) return;
  void import("zendesk_app_framework_sdk").then(async ({ default: ZAFClient }) => {
    const client = ZAFClient.init();
    if (!client) return;
    const id = helpdeskTicketId((await client.get("ticket.id"))["ticket.id"]);
    if (id) found(id);
  });
}

const record = (v: unknown): Record<string, unknown> | null => (typeof v === "object" && v !== null ? (v as Record<string, unknown>) : null);

// A helpdesk's ticket id as the panel accepts it: a number or a short plain token, nothing else.
export function helpdeskTicketId(id: unknown): string | null {
  return (typeof id === "number" && Number.isSafeInteger(id)) || (typeof id === "string" && /^[A-Za-z0-9_-]{1,100}$/.test(id)) ? String(id) : null;
}

export function chatwootConversationId(data: string): string | null {
  let message: unknown;
  try {
    message = JSON.parse(data);
  } catch {
    return null;
  }
  const m = record(message);
  return m?.event === "appContext" ? helpdeskTicketId(record(record(m.data)?.conversation)?.id) : null;
}
