import type { Metadata } from "next";
import { z } from "zod";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/policy";
import { DeskTicketView } from "./desk-ticket-view";

export const metadata: Metadata = { title: "Ticket" };

// A shared moment: ?recording=<id>&t=<seconds> (anything else is ignored, not an error: it is a link).
const ZMoment = z.object({ recording: z.string().min(1).max(64), t: z.coerce.number().int().min(0).max(7 * 24 * 3600).catch(0) });

export default async function DeskTicketPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await params;
  const moment = ZMoment.safeParse(await searchParams);
  const actor = await requirePagePermission("ticket:read", `/desk/tickets/${id}`);
  return (
    <DeskTicketView id={id} me={actor.userId} mayReply={can(actor, "ticket:reply")} moment={moment.success ? { recordingId: moment.data.recording, seconds: moment.data.t } : null} />
  );
}
