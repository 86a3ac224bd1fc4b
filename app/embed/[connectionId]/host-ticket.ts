"use client";
import { useEffect, useState } from "react";

// The helpdesk ticket the panel is shown beside: from the URL (?ticket=…) when the helpdesk puts
// it there, otherwise told by the host page. Only the id is read, and only from a message whose
// origin is one of this connection's frame origins; the server then looks it up within this
// connection and checks the agent's permissions (nothing else from the host is used).
export function useHostTicket(kind: string, frameOrigins: readonly string[], fromUrl: string | null): string | null {
  const [fromHost, setFromHost] = useState<string | null>(null);
  useEffect(() => {
    if (fromUrl || kind !== "chatwoot" || window.parent === window) return;
    // Chatwoot dashboard app: the host answers "chatwoot-dashboard-app:fetch-info" (and sends on
    // load) a JSON string {event: "appContext", data: {conversation, contact, currentAgent}}.
    const onMessage = (e: MessageEvent) => {
      if (!frameOrigins.includes(e.origin) || typeof e.data !== "string") return;
      const id = chatwootConversationId(e.data);
      if (id) setFromHost(id);
    };
    window.addEventListener("message", onMessage);
    window.parent.postMessage("chatwoot-dashboard-app:fetch-info", "*");
    return () => window.removeEventListener("message", onMessage);
  }, [kind, frameOrigins, fromUrl]);
  return fromUrl ?? fromHost;
}

const record = (v: unknown): Record<string, unknown> | null => (typeof v === "object" && v !== null ? (v as Record<string, unknown>) : null);

export function chatwootConversationId(data: string): string | null {
  let message: unknown;
  try {
    message = JSON.parse(data);
  } catch {
    return null;
  }
  const m = record(message);
  const id = m?.event === "appContext" ? record(record(m.data)?.conversation)?.id : undefined;
  return (typeof id === "number" && Number.isSafeInteger(id)) || (typeof id === "string" && /^[A-Za-z0-9_-]{1,100}$/.test(id)) ? String(id) : null;
}
