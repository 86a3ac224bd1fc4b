import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { EmbedConnection } from "@/lib/embed/connection";

// The panel only reaches tickets this connection created or linked: the helpdesk's ticket id
// (from the URL or the host page's message) is a key looked up here, never trusted further. What
// the agent may see of the ticket is then decided by the desk's own functions (lib/tickets, lib/reveal).
export async function linkedTicketId(connection: EmbedConnection, externalId: string): Promise<string> {
  const ticket = await db().ticket.findUnique({ where: { helpdeskConnectionId_helpdeskExternalId: { helpdeskConnectionId: connection.id, helpdeskExternalId: externalId } }, select: { id: true } });
  if (!ticket) throw new AppError("not_found", "No Replaydesk ticket is linked to this helpdesk ticket.");
  return ticket.id;
}

export async function assertTicketLinked(connection: EmbedConnection, ticketId: string): Promise<void> {
  const ticket = await db().ticket.findFirst({ where: { id: ticketId, helpdeskConnectionId: connection.id }, select: { id: true } });
  if (!ticket) throw new AppError("not_found", "No such ticket.");
}

export async function assertRecordingLinked(connection: EmbedConnection, recordingId: string): Promise<void> {
  const recording = await db().recording.findFirst({ where: { id: recordingId, ticket: { helpdeskConnectionId: connection.id } }, select: { id: true } });
  if (!recording) throw new AppError("not_found", "No such recording.");
}
