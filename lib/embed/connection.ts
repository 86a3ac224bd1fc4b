import "server-only";
import { db } from "@/lib/db/client";

export type EmbedConnection = { id: string; siteId: string; kind: string; frameOrigins: string[] };

// The helpdesk connection an /embed/<connectionId>/… URL names, if it may show the agent panel:
// enabled, with at least one origin allowed to frame it. Anything else is no panel at all.
export async function embedConnection(connectionId: string): Promise<EmbedConnection | null> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(connectionId)) return null;
  const c = await db().helpdeskConnection.findUnique({ where: { id: connectionId }, select: { id: true, siteId: true, kind: true, frameOrigins: true, disabledAt: true } });
  if (!c || c.disabledAt) return null;
  const frameOrigins = Array.isArray(c.frameOrigins) ? c.frameOrigins.filter((o): o is string => typeof o === "string" && isOrigin(o)) : [];
  return frameOrigins.length ? { id: c.id, siteId: c.siteId, kind: c.kind, frameOrigins } : null;
}

// Only a bare http(s) origin may enter a CSP source list: anything else could widen the policy.
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.origin === value;
  } catch {
    return false;
  }
}

// The Content-Security-Policy frame-ancestors value for a panel URL: the connection's origins, or none.
export function frameAncestors(connection: EmbedConnection | null): string {
  return connection ? connection.frameOrigins.join(" ") : "'none'";
}
