import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { embedConnection } from "@/lib/embed/connection";
import { EmbedPanel } from "./embed-panel";
import "./embed.css";

export const metadata: Metadata = { title: "Agent panel" };

// The agent panel, framed by the helpdesk of this connection (proxy.ts sets frame-ancestors).
// `ticket` is the helpdesk's ticket id when the URL carries it; otherwise the host page tells it.
export default async function EmbedPage({ params, searchParams }: { params: Promise<{ connectionId: string }>; searchParams: Promise<{ ticket?: string | string[] }> }) {
  const { connectionId } = await params;
  const connection = await embedConnection(connectionId);
  if (!connection) notFound();
  const { ticket } = await searchParams;
  return <EmbedPanel connectionId={connection.id} kind={connection.kind} frameOrigins={connection.frameOrigins} ticket={typeof ticket === "string" && ticket ? ticket : null} />;
}
